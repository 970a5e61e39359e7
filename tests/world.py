"""A small office for permission tests: one team, one user per role, a person in the team and one outside."""

from __future__ import annotations

from functools import cached_property

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.core.testing import make_user


class World:
    def __init__(self) -> None:
        self.team, _ = Team.objects.get_or_create(name="Team 1")
        self.other_team, _ = Team.objects.get_or_create(name="Team 2")
        self._users: dict[Role, object] = {}

    def user(self, role: Role):
        if role not in self._users:
            self._users[role] = make_user(role, username=f"w-{role.value}", team=self.team)
        return self._users[role]

    @cached_property
    def person(self):
        from wegweiser.persons.models import Person

        return Person.objects.create(file_number="AZ-1", family_name="Musterfrau", given_names="Erika", team=self.team)

    @cached_property
    def other_team_person(self):
        from wegweiser.persons.models import Person

        return Person.objects.create(file_number="AZ-2", family_name="Beispiel", given_names="Omar", team=self.other_team)
