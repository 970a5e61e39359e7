"""The committed OpenAPI schema is the public interface: it must match the code exactly."""

from __future__ import annotations

import difflib
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wegweiser.accounts.roles import Role
from wegweiser.facts.registry import FACT_KINDS

COMMITTED = Path(settings.BASE_DIR) / "openapi" / "wegweiser-v1.yaml"
REGENERATE = "python manage.py spectacular --file openapi/wegweiser-v1.yaml --validate"


def generate(*extra: str) -> str:
    """What the regeneration command writes, in the default language (the command activates none)."""
    out = StringIO()
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--validate", *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def generated() -> str:
    return generate()


def test_committed_schema_is_up_to_date(generated):
    assert COMMITTED.exists(), f"openapi/wegweiser-v1.yaml is missing; create it with: {REGENERATE}"
    committed = COMMITTED.read_text(encoding="utf-8")
    if committed != generated:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True), generated.splitlines(keepends=True),
                    "openapi/wegweiser-v1.yaml (committed)", "generated from the code",
                )
            )[:80]
        )
        pytest.fail(
            "The API changed but openapi/wegweiser-v1.yaml did not. If the change is intended (and compatible "
            f"with v1, see docs/api.md), regenerate the file with:\n    {REGENERATE}\n\n{diff}"
        )


def test_schema_generation_has_no_warnings():
    generate("--fail-on-warn")


def test_every_operation_is_documented(generated):
    schema = yaml.safe_load(generated)
    assert schema["info"]["version"] == "1.0.0"
    operation_ids = []
    for path, item in schema["paths"].items():
        assert path.startswith("/api/v1/"), path
        for method, operation in item.items():
            where = f"{method.upper()} {path}"
            assert operation.get("operationId"), where
            assert operation.get("tags"), where
            assert operation.get("description"), where
            assert "403" in operation["responses"], where
            operation_ids.append(operation["operationId"])
    assert len(operation_ids) == len(set(operation_ids))
    assert {"persons_list", "persons_create", "persons_partial_update", "facts_passports_create"} <= set(operation_ids)


def test_schema_documents_partial_dates_and_versions(generated):
    schema = yaml.safe_load(generated)["components"]["schemas"]
    birth_date = schema["Person"]["properties"]["birth_date"]
    assert birth_date["pattern"] == r"^\d{4}-\d{2}-\d{2}$"
    assert "00" in birth_date["description"]
    for body in ("PatchedPerson", "PatchedPassport", "PatchedResidencePeriod"):
        properties = schema[body]["properties"]
        writable_required = [
            name for name in schema[body].get("required", []) if not properties[name].get("readOnly")
        ]
        assert writable_required == ([] if body == "PatchedResidencePeriod" else ["version"]), body
    assert "optimistic locking" in schema["CaseFile"]["properties"]["version"]["description"]


@pytest.mark.django_db
def test_schema_endpoint_serves_yaml_and_json_to_verified_staff(api):
    _, client = api(Role.SACHBEARBEITUNG)
    url = reverse("api:schema")
    response = client.get(url)
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["info"]["title"] == "Wegweiser API"
    as_json = client.get(url, {"format": "json"})
    assert as_json.status_code == 200
    assert "persons_list" in {op["operationId"] for op in as_json.json()["paths"]["/api/v1/persons/"].values()}


@pytest.mark.django_db
def test_schema_endpoint_needs_a_verified_login(client, user_factory):
    url = reverse("api:schema")
    assert client.get(url).status_code == 403
    user = user_factory(Role.SACHBEARBEITUNG, username="nur-passwort")
    client.force_login(user)  # password step only, no second factor
    assert client.get(url).status_code == 403


def test_sections_that_may_be_omitted_are_optional_in_the_schema(generated):
    schema = yaml.safe_load(generated)["components"]["schemas"]
    optional = {"residence_periods", "entries", "stays_abroad", "family_relations", "documents"}
    assert optional <= set(schema["CaseFile"]["properties"])
    assert optional.isdisjoint(schema["CaseFile"]["required"])
    assert "required" not in schema["FactsByKind"]
    assert len(schema["FactsByKind"]["properties"]) == len(FACT_KINDS)
