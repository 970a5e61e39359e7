"""The start page offers each role what it may do, and nothing else."""

import pytest
from django.urls import reverse

from wegweiser.accounts.roles import Role


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        (Role.SACHBEARBEITUNG, ["persons:search", "persons:create"], ["accounts:user_list"]),
        (Role.ADMINISTRATION, ["accounts:user_list"], ["persons:search", "persons:create"]),
        (Role.AUSWERTUNG, [], ["persons:search", "persons:create", "accounts:user_list"]),
    ],
)
def test_home_links_follow_the_policy(role_client, role, present, absent):
    html = role_client(role)[1].get(reverse("core:home")).content.decode()
    for name in present:
        assert f'href="{reverse(name)}"' in html
    for name in absent:
        assert f'href="{reverse(name)}"' not in html


@pytest.mark.django_db
def test_password_change_link_for_verified_users(role_client):
    html = role_client(Role.SACHBEARBEITUNG)[1].get(reverse("core:home")).content.decode()
    assert reverse("accounts:password_change") in html
