"""The private file view: who may open a material, and what the response promises about caching and type.

The matrix (quality.md, security): the owner, a specialist who may see the filing and an operator get the
file; another applicant, a specialist who may not see it, and anonymous get a 404 (no redirect to the login:
the URL's existence is not confirmed either).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from materials import services as material_services
from materials.models import Material, MaterialDownload
from tests.material_files import gray_photo, photo

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def filing(build):
    """Alice's filing in provider review: specialists see it in their queue."""
    return build.to(build.start(), "provider_review")


@pytest.fixture
def id_front(filing) -> Material:
    return Material.objects.get(filing=filing, kind="id_front")


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _url(material, variant="file"):
    return reverse("material-file" if variant == "file" else "material-thumbnail", args=[material.code])


@pytest.mark.parametrize("variant", ["file", "thumbnail"])
@pytest.mark.parametrize(
    ("persona", "status", "logged"),
    [("alice", 200, False), ("bob", 404, False), ("sam", 200, True), ("olga", 200, True), (None, 404, False)],
)
def test_the_file_view_matrix(request, client, id_front, variant, persona, status, logged):
    user = request.getfixturevalue(persona) if persona else None
    response = _get(client, user, _url(id_front, variant))
    assert response.status_code == status
    assert MaterialDownload.objects.filter(material=id_front, variant=variant).exists() is logged
    if status != 200:
        assert "Location" not in response  # anonymous is not redirected to the login either
        return
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xff\xd8\xff")  # a JPEG: the sanitised file or its thumbnail
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_specialist_who_may_not_see_the_filing_gets_404(build, client, tina):
    filing = build.to(build.start(), "materials")  # still the applicant's: in no specialist's queue
    build.upload_materials(filing)
    material = Material.objects.get(filing=filing, kind="id_front")
    assert _get(client, tina, _url(material)).status_code == 404
    assert not MaterialDownload.objects.exists()


def test_the_download_log_names_the_specialist(client, id_front, sam):
    _get(client, sam, _url(id_front))
    download = MaterialDownload.objects.get()
    assert (download.material, download.user, download.variant) == (id_front, sam, "file")


def test_a_pdf_is_served_as_a_pdf_and_has_no_thumbnail(client, filing, alice):
    form = Material.objects.get(filing=filing, kind="verification_form")
    response = _get(client, alice, _url(form))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(_url(form, "thumbnail")).status_code == 404


def test_a_refused_or_unprocessed_upload_is_never_served(build, client, alice):
    filing = build.to(build.start(), "materials")
    refused = material_services.material_process(
        material_id=material_services.material_upload(
            filing=filing, by=alice, kind="id_front", content=gray_photo(), filename="x.jpg"
        ).pk
    )
    waiting = material_services.material_upload(
        filing=filing, by=alice, kind="id_back", content=photo(seed=8), filename="x.jpg"
    )
    client.force_login(alice)
    for material in (refused, waiting):
        assert client.get(_url(material)).status_code == 404


def test_unknown_code_and_other_methods(client, id_front, alice):
    client.force_login(alice)
    assert client.get("/files/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/files/not-a-uuid/").status_code == 404
    assert client.post(_url(id_front)).status_code == 405
    assert client.delete(_url(id_front, "thumbnail")).status_code == 405


# --- The verification form's download --------------------------------------------------------------------
def _form_url(filing, website_code=None):
    website = filing.filing_websites.get().website
    return reverse("verification-form", args=[filing.code, website_code or website.code])


@pytest.mark.parametrize(
    ("persona", "status"), [("alice", 200), ("bob", 404), ("sam", 404), ("olga", 404), (None, 404)]
)
def test_the_verification_form_is_for_the_owner_only(request, client, filing, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    response = _get(client, user, _form_url(filing))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"].startswith("inline")


def test_the_verification_form_of_another_filings_website_is_404(build, client, filing, alice):
    other = build.start()
    other_website = other.filing_websites.get().website
    client.force_login(alice)
    assert client.get(_form_url(filing, other_website.code)).status_code == 404
    assert client.post(_form_url(filing)).status_code == 405


def test_operators_see_materials_in_the_admin_through_the_private_view(client, olga, id_front, bob):
    client.force_login(olga)
    for url in ("/admin/materials/material/", f"/admin/materials/material/{id_front.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200
        assert _url(id_front, "thumbnail") in response.content.decode()
    assert client.get("/admin/materials/faceverification/").status_code == 200
    assert client.get("/admin/materials/materialdownload/").status_code == 200
    client.force_login(bob)
    assert client.get("/admin/materials/material/").status_code == 302  # not staff: the admin's own login
