"""publiccode.yml stays well-formed and agrees with the project's licence and languages."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_publiccode_yml_describes_the_project():
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    assert data["publiccodeYmlVersion"] == "0.4"
    assert data["legal"]["license"] == "EUPL-1.2"
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    for lang in ("de", "en"):
        description = data["description"][lang]
        assert description["shortDescription"] and len(description["shortDescription"]) <= 150
        assert description["features"]
    assert set(data["localisation"]["availableLanguages"]) >= {"de", "en"}
    assert data["softwareType"] == "standalone/web"
