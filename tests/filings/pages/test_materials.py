"""Step 4 in the browser's HTTP: the checklist, uploads (with and without htmx), their status, continuing
to the self-check, a returned filing's reasons beside their item, and the negatives."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from filings.models import Filing
from materials.models import Material
from materials.requirements import materials_checklist
from materials.services import material_process
from reviews import services as review_services
from tests.conftest import wait_until
from tests.material_files import photo

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _url(filing: Filing, tail: str = "") -> str:
    return f"/filings/{filing.code}/materials/{tail}"


def _post_upload(client, filing, item: str, content: bytes, name: str = "scan.jpg", **extra):
    prefix = "upload-" + item.removeprefix("materials.").replace(".", "-")
    data = {"item": item, f"{prefix}-file": SimpleUploadedFile(name, content, "image/jpeg")}
    data |= {f"{prefix}-{key}": value for key, value in extra.items()}
    return client.post(_url(filing, "upload/"), data, **EN)


@pytest.fixture
def at_materials(build):
    return build.to(build.start(), "materials")


def test_the_checklist_lists_what_the_requirements_say_with_why_and_an_anchor_each(
    client, alice, at_materials
):
    client.force_login(alice)
    page = client.get(_url(at_materials), **EN).content.decode()
    for item in materials_checklist(at_materials):
        anchor = "id_" + item.requirement.field.replace(".", "-")
        assert f'id="{anchor}"' in page
        assert item.requirement.label_en in page
    assert "An individual&#x27;s ID is the entity certificate" in page  # why it is asked
    assert "Step 4 of 5" in page and 'aria-current="step"' in page
    website = at_materials.filing_websites.get().website
    assert f"/filings/{at_materials.code}/verification-form/{website.code}.pdf" in page
    assert 'accept="image/jpeg,image/png' in page and "application/pdf" in page
    assert "Continue to the self-check" in page


def test_the_checklist_is_in_chinese_by_default(client, alice, at_materials):
    client.force_login(alice)
    page = client.get(_url(at_materials)).content.decode()
    assert "身份证件正面" in page and "ID, front" not in page


def test_uploading_a_valid_image_creates_the_material_and_shows_processing(client, alice, at_materials):
    client.force_login(alice)
    response = _post_upload(client, at_materials, "materials.id_front", photo(seed=3))
    assert response.status_code == 302
    assert response["Location"] == _url(at_materials) + "#id_materials-id_front"
    material = Material.objects.get(filing=at_materials)
    assert (material.kind, material.status) == ("id_front", "processing")
    page = client.get(_url(at_materials), **EN).content.decode()
    assert "Processing" in page and "being checked" in page
    assert f"/materials/{material.code}/status/" in page and 'hx-trigger="every 2s"' in page


def test_with_htmx_the_upload_answers_the_row_which_polls_until_decided(client, alice, at_materials):
    client.force_login(alice)
    prefix = "upload-id_front"
    response = client.post(
        _url(at_materials, "upload/"),
        {"item": "materials.id_front", f"{prefix}-file": SimpleUploadedFile("a.jpg", photo(seed=3))},
        HTTP_HX_REQUEST="true",
        **EN,
    )
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith('<li class="task-list__item material"')
    material = Material.objects.get(filing=at_materials)
    assert 'hx-trigger="every 2s"' in row
    material_process(material_id=material.pk)
    status_url = _url(at_materials, f"{material.code}/status/")
    decided = client.get(status_url, HTTP_HX_REQUEST="true", **EN).content.decode()
    assert "Accepted" in decided and "every 2s" not in decided
    assert f"/files/{material.code}/thumbnail" in decided and f"/files/{material.code}/" in decided
    assert client.get(f"/files/{material.code}/thumbnail").status_code == 200
    # Without JavaScript the status URL leads back to the row on the page.
    assert client.get(status_url)["Location"].endswith("#id_materials-id_front")


def test_an_invalid_file_shows_the_refusal_in_words_beside_its_item_and_nothing_else_is_lost(
    client, alice, at_materials
):
    client.force_login(alice)
    _post_upload(client, at_materials, "materials.id_back", photo(seed=5))
    _post_upload(
        client, at_materials, "materials.id_front", b"just some text, not a picture\n" * 20, "fake.jpg"
    )
    for material in Material.objects.filter(filing=at_materials):
        material_process(material_id=material.pk)
    page = client.get(_url(at_materials), **EN).content.decode()
    front = page[page.index('id="id_materials-id_front"') : page.index('id="id_materials-id_back"')]
    assert "Refused" in front and "The file was refused:" in front
    refused = Material.objects.get(filing=at_materials, kind="id_front")
    assert refused.rejection_message.split(" / ")[1][:30] in front  # the pipeline's words, in English
    back = page[page.index('id="id_materials-id_back"') :]
    assert "Accepted" in back.split("</li>")[0]


def test_a_file_missing_is_named_beside_its_field_and_in_the_summary(client, alice, at_materials):
    client.force_login(alice)
    response = client.post(_url(at_materials, "upload/"), {"item": "materials.id_front"}, **EN)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_upload-id_front-file-error"' in page
    assert 'href="#id_upload-id_front-file"' in page
    assert not Material.objects.exists()


def test_a_too_large_file_is_refused_beside_its_item(client, alice, at_materials, settings):
    client.force_login(alice)
    big = b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10)
    page = _post_upload(client, at_materials, "materials.id_front", big).content.decode()
    assert "File too large" in page and 'id="id_upload-id_front-file-error"' in page
    assert not Material.objects.exists()


def test_a_dated_material_asks_for_its_date_and_keeps_what_was_typed(client, alice, build):
    filing = build.start(nature="enterprise")
    filing = build.to(filing, "materials")
    website = filing.filing_websites.get().website
    website.pre_approvals = [
        {"category": "news", "number": "N-1", "issuer": "网信办", "valid_until": "2030-01-01"}
    ]
    website.save()
    client.force_login(alice)
    page = client.get(_url(filing), **EN).content.decode()
    assert 'name="upload-pre_approval_document-0-news-document_date"' in page
    assert 'name="upload-id_front-document_date"' not in page
    response = _post_upload(
        client, filing, "materials.pre_approval_document.0.news", photo(seed=8), document_date="2999-01-01"
    )
    page = response.content.decode()
    assert "in the future" in page and 'value="2999-01-01"' in page
    assert 'id="id_upload-pre_approval_document-0-news-document_date-error"' in page
    assert not Material.objects.exists()


def test_an_unknown_item_is_refused_without_a_500(client, alice, at_materials):
    client.force_login(alice)
    response = _post_upload(client, at_materials, "materials.auxiliary", photo(seed=1))
    assert response.status_code == 200 and "not needed for this filing" in response.content.decode()


def test_continue_is_refused_while_something_is_missing_naming_each_item(client, alice, at_materials):
    client.force_login(alice)
    response = client.post(_url(at_materials, "continue/"), **EN)
    page = response.content.decode()
    assert response.status_code == 200
    summary = page[
        page.index('class="error-summary"') : page.index("</ul>", page.index('class="error-summary"'))
    ]
    assert 'href="#id_materials-id_front"' in summary and "Upload the ID, front" in summary
    assert 'href="#id_materials-verification_form-0"' in summary
    person = at_materials.filing_websites.get().website.head
    assert f'href="#id_materials-face-{person.code}"' in summary
    at_materials.refresh_from_db()
    assert at_materials.state == "materials"


def test_continue_when_complete_moves_on_to_the_self_check(client, alice, build, at_materials):
    build.upload_materials(at_materials)
    build.pass_face_verification(at_materials)
    client.force_login(alice)
    response = client.post(_url(at_materials, "continue/"))
    assert response.status_code == 302 and response["Location"] == f"/filings/{at_materials.code}/check/"
    at_materials.refresh_from_db()
    assert at_materials.state == "self_check"


def test_a_returned_filing_shows_each_reason_beside_its_item_and_takes_a_replacement(
    client, alice, build, sam
):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    review_services.review_reject(
        filing=filing,
        by=sam,
        reasons=[
            {"code": "verification_form_invalid", "field": "materials.verification_form"},
            {"code": "face_verification_failed", "field": "materials.face"},
        ],
    )
    client.force_login(alice)
    page = client.get(_url(filing), **EN).content.decode()
    row = page[page.index('id="id_materials-verification_form-0"') :].split("</li>")[0]
    assert "Returned for correction" in row and "unsigned" in row
    assert "Face verification failed or was not done" in page
    assert "go back to the filing page to resubmit" in page
    response = _post_upload(client, filing, "materials.verification_form.0", photo(seed=21))
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.state == "provider_rejected"
    assert Material.objects.filter(filing=filing, kind="verification_form").count() == 2
    assert "resubmit from the filing page" in client.get(_url(filing), **EN).content.decode()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_worker_decides_an_upload_and_the_status_partial_shows_it(celery_worker, client, alice, build):
    filing = build.to(build.start(), "materials")
    client.force_login(alice)
    _post_upload(client, filing, "materials.id_front", photo(seed=9))
    material = Material.objects.get(filing=filing)
    wait_until(lambda: Material.objects.get(pk=material.pk).status != "processing")
    row = client.get(_url(filing, f"{material.code}/status/"), HTTP_HX_REQUEST="true", **EN).content.decode()
    assert "Accepted" in row and "every 2s" not in row


# --- Negatives ----------------------------------------------------------------------------------------------
def _urls(filing: Filing) -> list[tuple[str, str]]:
    material = Material.objects.filter(filing=filing).first()
    urls = [("get", _url(filing)), ("post", _url(filing, "upload/")), ("post", _url(filing, "continue/"))]
    if material:
        urls.append(("get", _url(filing, f"{material.code}/status/")))
    return urls


@pytest.fixture
def with_upload(at_materials):
    from materials.services import material_upload

    material_upload(
        filing=at_materials,
        by=at_materials.applicant,
        kind="id_front",
        content=photo(seed=2),
        filename="a.jpg",
    )
    return at_materials


def test_another_applicants_filing_is_not_found(client, bob, with_upload):
    client.force_login(bob)
    for method, url in _urls(with_upload):
        assert getattr(client, method)(url).status_code == 404, url
    response = _post_upload(client, with_upload, "materials.id_back", photo(seed=4))
    assert response.status_code == 404
    assert Material.objects.filter(filing=with_upload).count() == 1


def test_anonymous_is_sent_to_log_in(client, with_upload):
    for method, url in _urls(with_upload):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_a_specialist_is_forbidden(client, sam, with_upload):
    client.force_login(sam)
    for method, url in _urls(with_upload):
        assert getattr(client, method)(url).status_code == 403, url


def test_the_wrong_method_is_refused(client, alice, with_upload):
    client.force_login(alice)
    assert client.get(_url(with_upload, "upload/")).status_code == 405
    assert client.get(_url(with_upload, "continue/")).status_code == 405
    assert client.post(_url(with_upload)).status_code == 405


def test_in_review_the_page_is_read_only_and_an_upload_is_refused_without_a_500(client, alice, build):
    filing = build.to(build.start(), "provider_review")
    client.force_login(alice)
    page = client.get(_url(filing), **EN).content.decode()
    assert "cannot change while the filing is being reviewed" in page
    assert 'enctype="multipart/form-data"' not in page and "Continue to the self-check" not in page
    assert "Accepted" in page
    before = Material.objects.filter(filing=filing).count()
    response = _post_upload(client, filing, "materials.id_front", photo(seed=30))
    assert response.status_code == 200 and "cannot change" in response.content.decode()
    assert Material.objects.filter(filing=filing).count() == before
    response = client.post(_url(filing, "continue/"), **EN)
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_before_step_4_the_page_says_it_is_not_open_yet(client, alice, build):
    filing = build.to(build.start(), "information")
    client.force_login(alice)
    page = client.get(_url(filing), **EN).content.decode()
    assert "opens once the earlier steps are done" in page and "Continue to the self-check" not in page


def test_a_returned_filing_takes_a_material_the_reviewer_asked_for_outside_the_checklist(
    client, alice, build, sam
):
    filing = build.to(build.start(), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    review_services.review_reject(
        filing=filing, by=sam, reasons=[{"code": "auxiliary_missing", "field": "materials"}]
    )
    client.force_login(alice)
    page = client.get(_url(filing), **EN).content.decode()
    assert "An auxiliary material is missing" in page and 'value="materials.on_request"' in page
    data = {"item": "materials.on_request", "upload-on_request-kind": "domain_certificate"}
    data["upload-on_request-file"] = SimpleUploadedFile("cert.jpg", photo(seed=40), "image/jpeg")
    page = client.post(_url(filing, "upload/"), data, **EN).content.decode()
    assert 'id="id_upload-on_request-website-error"' in page  # a domain certificate names its website
    data["upload-on_request-website"] = str(filing.filing_websites.get().website.code)
    data["upload-on_request-file"] = SimpleUploadedFile("cert.jpg", photo(seed=40), "image/jpeg")
    response = client.post(_url(filing, "upload/"), data, **EN)
    assert response["Location"].endswith("#id_materials-on_request")
    assert Material.objects.get(filing=filing, kind="domain_certificate").status == "processing"
    assert "Domain certificate" in client.get(_url(filing), **EN).content.decode()


def test_with_htmx_a_refused_upload_answers_its_row_with_the_message_beside_the_field(
    client, alice, at_materials
):
    client.force_login(alice)
    response = client.post(
        _url(at_materials, "upload/"), {"item": "materials.id_front"}, HTTP_HX_REQUEST="true", **EN
    )
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith('<li class="task-list__item material"')
    assert 'id="id_upload-id_front-file-error"' in row and "<html" not in row
