"""Uploads are checked by content, stored privately under a UUID, served only through the audited view."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wegweiser.accounts.models import Team
from wegweiser.accounts.roles import Role
from wegweiser.audit.models import AuditAction, AuditEntry
from wegweiser.documents import services
from wegweiser.documents.models import Document
from wegweiser.facts.tests.samples import make_fact
from wegweiser.persons.models import Person

from .samples import exe_bytes, jpeg_bytes, pdf_bytes, pdf_upload, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def person():
    team, _ = Team.objects.get_or_create(name="Team 1")
    return Person.objects.create(file_number="AZ-D", family_name="Muster", given_names="Eva", team=team)


@pytest.fixture
def worker(role_client):
    return role_client(Role.SACHBEARBEITUNG)


def _upload_url(person) -> str:
    return reverse("documents:upload", kwargs={"person_pk": person.pk})


def _post(client, person, file, **extra):
    data = {"file": file, "kind": "certificate", "title": "Zertifikat B1", "fact": "", **extra}
    return client.post(_upload_url(person), data)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _form_errors(response) -> str:
    return " ".join(str(e) for errs in response.context["form"].errors.values() for e in errs)


@pytest.mark.parametrize(
    ("name", "content", "client_type", "expected"),
    [
        ("zertifikat.pdf", pdf_bytes(), "application/pdf", "application/pdf"),
        ("foto.jpg", jpeg_bytes(), "image/jpeg", "image/jpeg"),
        ("scan.png", png_bytes(), "image/png", "image/png"),
        # The client's name and header are ignored: a PNG named .pdf is stored as PNG.
        ("scan.pdf", png_bytes(), "application/pdf", "image/png"),
    ],
)
def test_accepted_types_are_stored_privately(name, content, client_type, expected, person, worker, media):
    user, client = worker
    response = _post(client, person, upload(name, content, client_type))
    assert response.status_code == 302
    doc = Document.objects.get(person=person)
    assert doc.content_type == expected
    assert doc.size == len(content)
    assert doc.sha256 == hashlib.sha256(content).hexdigest()
    assert doc.uploaded_by == user and doc.original_name == name

    path = doc.storage_path
    assert path.read_bytes() == content
    assert path == media / doc.storage_key.hex[:2] / str(doc.storage_key)
    assert path.name == str(doc.storage_key) and name not in str(path)
    assert not path.resolve().is_relative_to(Path(django_settings.STATIC_ROOT).resolve())
    assert not path.resolve().is_relative_to(Path(django_settings.PACKAGE_DIR).resolve())
    assert _files(media) == [path]  # no temporary file left behind
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(doc.pk))
    assert entry.person_id == person.pk and entry.details["sha256"] == doc.sha256


@pytest.mark.parametrize(
    ("name", "content", "client_type", "message"),
    [
        ("programm.pdf", exe_bytes(), "application/pdf", "Nur PDF-, JPEG- und PNG-Dateien"),
        ("brief.pdf", "Mit freundlichen Grüßen\n".encode() * 20, "application/pdf", "Nur PDF-, JPEG- und PNG-Dateien"),
        ("kaputt.pdf", pdf_bytes()[:-40], "application/pdf", "Die PDF-Datei ist unvollständig oder beschädigt."),
        ("kaputt.png", png_bytes()[:40], "image/png", "Das Bild ist beschädigt"),
        ("leer.pdf", b"", "application/pdf", "Die übermittelte Datei ist leer."),
    ],
)
def test_rejected_content_leaves_no_row_and_no_file(name, content, client_type, message, person, worker, media):
    _user, client = worker
    response = _post(client, person, upload(name, content, client_type))
    assert response.status_code == 200
    assert message in _form_errors(response)
    assert not Document.objects.exists()
    assert _files(media) == []
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_oversize_is_rejected_with_the_limit_in_mb(person, worker, media, settings):
    settings.DOCUMENT_MAX_BYTES = 512 * 1024
    _user, client = worker
    big = pdf_bytes() + b"%" + b"x" * (600 * 1024) + b"\n%%EOF\n"
    response = _post(client, person, upload("gross.pdf", big, "application/pdf"))
    assert response.status_code == 200
    assert "Die Datei ist zu groß (0,6 MB). Erlaubt sind höchstens 0,5 MB." in _form_errors(response)
    assert not Document.objects.exists() and _files(media) == []


def test_service_enforces_the_limit_while_writing(person, user_factory, media, settings):
    """Even if the upload reports no size, the stream is cut off at the limit and nothing stays behind."""
    settings.DOCUMENT_MAX_BYTES = 100 * 1024
    file = upload("gross.pdf", pdf_bytes() + b"x" * (200 * 1024), "application/pdf")
    file.size = None
    with pytest.raises(services.ValidationError) as exc:
        services.store_document(
            user=user_factory(Role.SACHBEARBEITUNG), person=person, upload=file, kind="other", title="x"
        )
    assert exc.value.messages == ["Die Datei ist zu groß. Erlaubt sind höchstens 0,1 MB."]
    assert not Document.objects.exists() and _files(media) == []


def test_limit_messages():
    from wegweiser.documents.checks import size_limit_message

    mib = 1024 * 1024
    assert size_limit_message(10 * mib) == "Die Datei ist zu groß. Erlaubt sind höchstens 10 MB."
    assert size_limit_message(10 * mib, 10 * mib + 1) == "Die Datei ist zu groß (10,1 MB). Erlaubt sind höchstens 10 MB."


def test_link_to_own_fact_and_tampered_link_to_other_persons_fact(person, worker, media):
    user, client = worker
    own = make_fact("language-certificates", person, user)
    other_person = Person.objects.create(file_number="AZ-O", family_name="Andere", team=person.team)
    foreign = make_fact("language-certificates", other_person, user)

    page = client.get(_upload_url(person)).content.decode()
    assert f'value="language-certificates:{own.pk}"' in page
    assert f'value="language-certificates:{foreign.pk}"' not in page

    response = _post(client, person, pdf_upload(), fact=f"language-certificates:{foreign.pk}")
    assert response.status_code == 200
    assert "gehört nicht zu dieser Person" in _form_errors(response)
    assert not Document.objects.exists() and _files(media) == []

    # The service refuses it too, whoever calls it.
    with pytest.raises(services.ValidationError):
        services.store_document(user=user, person=person, upload=pdf_upload(), kind="certificate", title="x", fact=foreign)
    assert not Document.objects.exists() and _files(media) == []

    assert _post(client, person, pdf_upload(), fact=f"language-certificates:{own.pk}").status_code == 302
    doc = Document.objects.get()
    assert doc.fact == own
    assert doc.fact_type == ContentType.objects.get_for_model(type(own))


def _stored(person, user) -> Document:
    return services.store_document(user=user, person=person, upload=pdf_upload("B1 Zertifikat.pdf"), kind="certificate", title="B1")


def test_download_streams_attachment_and_is_audited(person, worker):
    user, client = worker
    doc = _stored(person, user)
    response = client.get(reverse("documents:download", kwargs={"pk": doc.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "B1 Zertifikat.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AuditEntry.objects.get(action=AuditAction.DOWNLOAD)
    assert (entry.actor_id, entry.person_id, entry.object_id) == (user.pk, person.pk, str(doc.pk))


def test_download_name_gets_the_real_extension(person, worker):
    user, client = worker
    doc = services.store_document(user=user, person=person, upload=upload("bild.pdf", png_bytes()), kind="other", title="x")
    response = client.get(reverse("documents:download", kwargs={"pk": doc.pk}))
    assert 'filename="bild.png"' in response["Content-Disposition"]


@pytest.mark.parametrize("role", [Role.AUSWERTUNG, Role.DATENSCHUTZ, Role.KIM_FALLMANAGEMENT, Role.ADMINISTRATION])
def test_download_denied_for_other_roles(role, person, user_factory, role_client):
    doc = _stored(person, user_factory(Role.SACHBEARBEITUNG))
    _user, client = role_client(role)
    assert client.get(reverse("documents:download", kwargs={"pk": doc.pk})).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.DOWNLOAD).exists()


def test_no_public_url_serves_the_file(person, worker, client):
    user, _client = worker
    doc = _stored(person, user)
    for url in (f"/media/{doc.storage_key}", f"/static/{doc.storage_key}", f"/{doc.storage_key.hex[:2]}/{doc.storage_key}"):
        assert client.get(url).status_code in (302, 404)


def test_tampered_file_is_not_served(person, worker):
    user, client = worker
    doc = _stored(person, user)
    doc.storage_path.write_bytes(b"%PDF-1.4 something else %%EOF")
    response = client.get(reverse("documents:download", kwargs={"pk": doc.pk}))
    assert response.status_code == 500
    assert "stimmt nicht mit der hochgeladenen überein" in response.content.decode()
    doc.storage_path.unlink()
    response = client.get(reverse("documents:download", kwargs={"pk": doc.pk}))
    assert "fehlt im Speicher" in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditAction.DOWNLOAD).exists()


def test_delete_by_teamleitung_removes_row_and_file(person, role_client, django_capture_on_commit_callbacks, media):
    lead, client = role_client(Role.TEAMLEITUNG)
    doc = _stored(person, lead)
    path = doc.storage_path
    url = reverse("documents:delete", kwargs={"pk": doc.pk})
    assert client.get(url).status_code == 200
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Document.objects.filter(pk=doc.pk).exists()
    assert not path.exists() and _files(media) == []
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert (entry.object_id, entry.person_id) == (str(doc.pk), person.pk)


@pytest.mark.parametrize("role", [Role.SACHBEARBEITUNG, Role.INTEGRATIONSLOTSE])
def test_delete_denied_for_case_workers(role, person, role_client):
    user, client = role_client(role)
    doc = _stored(person, user)
    assert client.post(reverse("documents:delete", kwargs={"pk": doc.pk})).status_code == 403
    assert Document.objects.filter(pk=doc.pk).exists() and doc.storage_path.exists()


def test_upload_to_other_teams_file_is_denied(person, role_client):
    _user, client = role_client(Role.SACHBEARBEITUNG, team=Team.objects.create(name="Team 5"))
    assert _post(client, person, pdf_upload()).status_code == 403
    assert not Document.objects.exists()


def test_original_name_is_cleaned():
    assert services.clean_original_name("../../etc/passwd") == "passwd"
    assert services.clean_original_name("C:\\Users\\x\\scan.pdf") == "scan.pdf"
    assert services.clean_original_name('a"b\r\n.pdf') == "ab.pdf"
    assert services.clean_original_name("") == "dokument"
    assert len(services.clean_original_name("x" * 400 + ".pdf")) == 255


def test_fact_list_shows_proofs_and_upload_preselects_the_fact(person, worker):
    user, client = worker
    fact = make_fact("language-certificates", person, user)
    doc = services.store_document(
        user=user, person=person, upload=pdf_upload(), kind="certificate", title="telc B1", fact=fact
    )
    listing = client.get(reverse("facts:list", kwargs={"person_pk": person.pk, "kind": "language-certificates"}))
    html = listing.content.decode()
    assert "telc B1" in html
    assert reverse("documents:download", kwargs={"pk": doc.pk}) in html
    upload_link = f"{_upload_url(person)}?fact=language-certificates%3A{fact.pk}"
    assert upload_link in html

    page = client.get(upload_link).content.decode()
    assert f'<option value="language-certificates:{fact.pk}" selected>' in page
    # A value that is not one of the person's facts is ignored, not preselected.
    page = client.get(f"{_upload_url(person)}?fact=language-certificates:999999").content.decode()
    fact_select = page.split('name="fact"')[1].split("</select>")[0]
    assert fact_select.count(" selected>") == 1 and '<option value="" selected>' in fact_select


def test_overview_lists_documents_with_links_by_policy(person, role_client):
    from wegweiser.documents.overview import documents_context

    worker_user, _ = role_client(Role.SACHBEARBEITUNG)
    lead, _ = role_client(Role.TEAMLEITUNG)
    fact = make_fact("language-certificates", person, worker_user)
    _stored(person, worker_user)
    services.store_document(user=worker_user, person=person, upload=pdf_upload(), kind="certificate", title="B1", fact=fact)
    rows = documents_context(person, worker_user)["documents"]
    assert len(rows) == 2
    assert all(r.download_url and not r.delete_url for r in rows)
    assert {r.fact_label for r in rows} == {"", "Sprachzertifikat: B1, 01.02.2024"}
    assert all(r.delete_url for r in documents_context(person, lead)["documents"])


def test_deleting_the_person_removes_the_files(person, worker, django_capture_on_commit_callbacks, media):
    user, _client = worker
    paths = [_stored(person, user).storage_path, _stored(person, user).storage_path]
    assert all(p.exists() for p in paths)
    with django_capture_on_commit_callbacks(execute=True):
        person.delete()
    assert not Document.objects.exists()
    assert not any(p.exists() for p in paths)


def test_rolled_back_delete_keeps_the_file(person, worker, django_capture_on_commit_callbacks):
    from django.db import transaction

    user, _client = worker
    doc = _stored(person, user)
    pk, path = doc.pk, doc.storage_path
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            doc.delete()
            raise RuntimeError("abort")
    assert callbacks == []
    assert Document.objects.filter(pk=pk).exists() and path.exists()
