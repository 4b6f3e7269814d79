"""The filing resource: start, list, read, change a step's data, run transitions by name."""

from __future__ import annotations

import pytest

from entities.models import Region
from filings.models import Filing
from tests.api.conftest import error_of
from tests.builders import resident_id

pytestmark = pytest.mark.django_db
FILINGS = "/api/v1/filings/"


def _start_body(certificate: str | None = None, domains=("api-site.com",), region="CN-BJ") -> dict:
    return {
        "region": region,
        "entity": {
            "nature": "individual",
            "certificate_type": "resident_id",
            "certificate_number": certificate or resident_id("110101"),
        },
        "websites": [{"domain": domain} for domain in domains],
    }


def _url(filing, suffix: str = "") -> str:
    return f"{FILINGS}{filing.code}/{suffix}"


# --- Start and read ----------------------------------------------------------------------------------
def test_start_answers_201_with_the_filing_in_type_detection(api, alice):
    certificate = resident_id("110101")
    response = api(alice).post(FILINGS, _start_body(certificate, ("例子.中国", "b.com")), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "type_detection"
    assert body["region"] == "CN-BJ"
    assert [w["domain"] for w in body["websites"]] == ["例子.中国", "b.com"]
    assert body["websites"][0]["ascii_domain"] == "xn--fsqu00a.xn--fiqs8s"
    # The owner sees the number masked; it is never in any answer in clear.
    assert body["entity"]["certificate_number"] == certificate[:4] + "*" * 10 + certificate[-4:]
    assert certificate not in response.content.decode()
    assert body["available_transitions"] == ["detect_type", "withdraw"]
    assert Filing.objects.get(code=body["id"]).applicant == alice


def test_start_refuses_invalid_input_with_field_paths(api, alice):
    body = _start_body(domains=("good.com", "not a domain"))
    body["entity"]["nature"] = "pirate"
    del body["region"]
    error = error_of(api(alice).post(FILINGS, body, format="json"))
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"region", "entity.nature"}


def test_start_refuses_what_the_service_refuses_with_its_paths(api, alice):
    response = api(alice).post(FILINGS, _start_body(domains=("good.com", "bad_domain!.com")), format="json")
    assert response.status_code == 400
    assert "websites.1.domain" in error_of(response)["fields"]
    response = api(alice).post(FILINGS, _start_body(domains=("dup.com", "DUP.com")), format="json")
    assert error_of(response)["fields"] == {"websites.1.domain": [error_of(response)["message"]]}
    response = api(alice).post(FILINGS, _start_body(region="CN-XX"), format="json")
    assert error_of(response)["code"] == "region_unknown"
    assert error_of(api(alice).post(FILINGS, "[]", content_type="application/json"))["code"] == "invalid"


def test_start_is_for_applicants(api, sam, olga):
    for user in (sam, olga):
        response = api(user).post(FILINGS, _start_body(), format="json")
        assert response.status_code == 403
        assert error_of(response)["code"] == "permission_denied"
    assert api().post(FILINGS, _start_body(), format="json").status_code == 401


def test_list_shows_the_callers_filings_only_with_cursor_pages(api, alice, bob, build):
    mine = [build.start() for _ in range(3)]
    build.start(applicant=bob)
    response = api(alice).get(FILINGS, {"page_size": 2})
    assert response.status_code == 200
    page = response.json()
    assert [item["id"] for item in page["results"]] == [str(f.code) for f in reversed(mine)][:2]
    assert page["previous"] is None and "cursor=" in page["next"]
    rest = api(alice).get(page["next"]).json()
    assert [item["id"] for item in rest["results"]] == [str(mine[0].code)]
    assert rest["next"] is None


def test_list_filters_by_state_region_and_type(api, alice, build):
    beijing = build.to(build.start(), "instance_verification")
    build.start(region="CN-ZJ")
    by_state = api(alice).get(FILINGS, {"state": "instance_verification"}).json()["results"]
    assert [item["id"] for item in by_state] == [str(beijing.code)]
    by_region = api(alice).get(FILINGS, {"region": "CN-ZJ"}).json()["results"]
    assert [item["region"] for item in by_region] == ["CN-ZJ"]
    by_type = api(alice).get(FILINGS, {"filing_type": "initial"}).json()["results"]
    assert [item["id"] for item in by_type] == [str(beijing.code)]
    error = error_of(api(alice).get(FILINGS, {"state": "nonsense"}))
    assert "state" in error["fields"]


def test_another_users_filing_is_404_and_unknown_ids_too(api, bob, build):
    filing = build.start()
    for method in ("get", "patch"):
        response = getattr(api(bob), method)(_url(filing), {}, format="json")
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert api(bob).post(_url(filing, "transitions/withdraw/"), {}, format="json").status_code == 404
    assert api(bob).get(f"{FILINGS}00000000-0000-0000-0000-000000000000/").status_code == 404
    assert api(bob).get(f"{FILINGS}not-a-uuid/").status_code == 404


def test_unsupported_methods_are_405(api, alice, build):
    filing = build.start()
    for method in ("put", "delete"):
        response = getattr(api(alice), method)(_url(filing), {}, format="json")
        assert response.status_code == 405
        assert error_of(response)["code"] == "method_not_allowed"
    assert api(alice).get(_url(filing, "transitions/withdraw/")).status_code == 405


# --- The steps over the API ------------------------------------------------------------------------------
def test_the_wizard_steps_over_patch_and_transitions(api, alice, build):
    client = api(alice)
    filing = build.start()
    response = client.post(_url(filing, "transitions/detect_type/"), {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "instance_verification"
    assert response.json()["filing_type"] == "initial"

    numbers = build.service_numbers(filing, 1)
    response = client.patch(_url(filing), {"websites": [{"service_number": numbers[0]}]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["websites"][0]["service_number"] == numbers[0]
    assert client.post(_url(filing, "transitions/verify_instance/")).json()["state"] == "information"

    info = build.information(filing)
    body = {
        "entity": {**info["entity"], "head": info["entity_head"]},
        "websites": info["websites"],
    }
    response = client.patch(_url(filing), body, format="json")
    assert response.status_code == 200, response.json()
    saved = response.json()
    assert saved["entity"]["name"] == info["entity"]["name"]
    assert saved["entity"]["head"]["mobile"] == info["entity_head"]["mobile"]  # the owner sees it in full
    assert "*" in saved["entity"]["head"]["certificate_number"]
    response = client.post(_url(filing, "transitions/enter_information/"))
    assert response.status_code == 200, response.json()
    detail = response.json()
    assert detail["state"] == "materials"
    assert [item["field"] for item in detail["required_materials"]] == [
        "materials.id_front",
        "materials.id_back",
        "materials.verification_form.0",
    ]
    assert {item["status"] for item in detail["required_materials"]} == {"missing"}
    assert [item["status"] for item in detail["face_verification"]] == ["missing"]

    # Not ready: 400 naming every missing material; a transition from another state: 409.
    error = error_of(client.post(_url(filing, "transitions/complete_materials/")))
    assert error["code"] == "conditions_not_met"
    assert "materials.id_front" in error["fields"]
    response = client.post(_url(filing, "transitions/submit/"))
    assert response.status_code == 409
    assert error_of(response)["code"] == "wrong_state"


def test_patch_of_an_earlier_step_moves_the_filing_back(api, alice, build):
    filing = build.to(build.start(), "materials")
    number = build.service_numbers(filing, 1)[0]
    response = api(alice).patch(_url(filing), {"websites": [{"service_number": number}]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["state"] == "instance_verification"
    assert [e["transition"] for e in response.json()["events"]][-1] == "reopen"


def test_patch_keeps_what_it_is_not_sent(api, alice, build):
    filing = build.to(build.start(), "materials")
    response = api(alice).patch(_url(filing), {"entity": {"name": "张三"}}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "information"  # step 3 data changed: back to step 3
    assert body["entity"]["mailing_address"]  # kept
    assert body["entity"]["head"]["name"] == "张三"
    assert body["websites"][0]["name"]


def test_patch_refuses_invalid_information_with_the_services_paths(api, alice, build):
    filing = build.to(build.start(domains=["a.com", "b.com"]), "information")
    body = {"websites": [{}, {"homepage_url": "ftp://elsewhere.org", "name": ""}]}
    response = api(alice).patch(_url(filing), body, format="json")
    assert response.status_code == 400
    fields = error_of(response)["fields"]
    assert "websites.1.homepage_url" in fields
    assert "entity.name" in fields  # nothing saved yet: the stored entity has no name


def test_patch_refuses_wrong_shapes_and_mixed_steps(api, alice, build):
    filing = build.to(build.start(), "instance_verification")
    client = api(alice)
    error = error_of(
        client.patch(_url(filing), {"websites": [{"head": {"mobile": 12}}], "entity": []}, format="json")
    )
    assert error["code"] == "invalid"
    assert "entity" in error["fields"]
    error = error_of(client.patch(_url(filing), {"websites": "no"}, format="json"))
    assert "websites" in error["fields"]
    mixed = {"websites": [{"service_number": "X"}], "mailing": {"courier": "SF"}}
    assert error_of(client.patch(_url(filing), mixed, format="json"))["code"] == "one_step_per_request"
    assert error_of(client.patch(_url(filing), {}, format="json"))["code"] == "empty"
    error = error_of(client.patch(_url(filing), {"websites": [{"service_number": "NOPE"}]}, format="json"))
    assert list(error["fields"]) == ["websites.0.service_number"]
    response = client.patch(
        _url(filing), {"mailing": {"courier": "SF", "tracking_number": "1"}}, format="json"
    )
    assert response.status_code == 409  # not in mailing


def test_a_specialist_cannot_change_or_move_an_applicants_filing(api, sam, drive, build):
    filing = drive(build.start(), "provider_review")
    response = api(sam).patch(_url(filing), {"entity": {"name": "x"}}, format="json")
    assert response.status_code == 403
    response = api(sam).post(_url(filing, "transitions/withdraw/"))
    assert response.status_code == 403
    assert error_of(response)["code"] == "not_permitted"


def test_unknown_and_foreign_transition_names(api, alice, build):
    filing = build.start()
    response = api(alice).post(_url(filing, "transitions/fly/"))
    assert response.status_code == 404
    assert error_of(response)["code"] == "unknown_transition"
    response = api(alice).post(_url(filing, "transitions/approve/"))
    assert response.status_code == 403


def test_detect_type_refusal_codes_pass_through(api, alice, build):
    from simulators.miit import stage_registry_entity

    stage_registry_entity(
        certificate_type="resident_id",
        certificate_number=resident_id("110101"),
        region_code="CN-BJ",
        nature="individual",
        name="别人",
        websites=[("taken.com", "别人的网站", ["OTHERCLOUD"])],
    )
    filing = build.start(domains=["taken.com"])
    response = api(alice).post(_url(filing, "transitions/detect_type/"))
    assert response.status_code == 400
    assert error_of(response)["code"] == "domain_conflict"
    assert api(alice).get(_url(filing)).json()["state"] == "type_detection"


def test_withdraw_and_reopen_take_their_body(api, alice, build):
    filing = build.to(build.start(), "materials")
    client = api(alice)
    error = error_of(client.post(_url(filing, "transitions/reopen/"), {}, format="json"))
    assert error["fields"] == {"step": [error["message"]]}
    error = error_of(client.post(_url(filing, "transitions/reopen/"), {"step": "self_check"}, format="json"))
    assert "step" in error["fields"]
    response = client.post(_url(filing, "transitions/reopen/"), {"step": "information"}, format="json")
    assert response.json()["state"] == "information"
    response = client.post(
        _url(filing, "transitions/withdraw/"), {"reason": "changed my mind"}, format="json"
    )
    assert response.json()["state"] == "withdrawn"
    assert response.json()["available_transitions"] == []


def test_available_transitions_come_from_the_state_machine_for_each_caller(
    api, alice, sam, tina, olga, drive, build
):
    filing = drive(build.start(), "provider_review")
    assert api(alice).get(_url(filing)).json()["available_transitions"] == ["withdraw"]
    assert api(sam).get(_url(filing)).json()["available_transitions"] == []
    api(sam).post(f"/api/v1/review/filings/{filing.code}/claim/")
    assert api(sam).get(_url(filing)).json()["available_transitions"] == ["approve", "reject"]
    assert api(tina).get(_url(filing)).json()["available_transitions"] == []
    assert api(olga).get(_url(filing)).json()["available_transitions"] == []


def test_identity_numbers_masked_except_to_the_holding_specialist_who_is_logged(
    api, alice, sam, tina, olga, drive, build
):
    from reviews.models import IdentityAccessLog

    filing = drive(build.start(), "provider_review")
    number = filing.entity.certificate_number
    for user in (alice, sam, olga):
        body = api(user).get(_url(filing)).content.decode()
        assert number not in body
    assert not IdentityAccessLog.objects.exists()
    api(sam).post(f"/api/v1/review/filings/{filing.code}/claim/")
    detail = api(sam).get(_url(filing)).json()
    assert detail["entity"]["certificate_number"] == number
    assert detail["entity"]["head"]["certificate_number"] == number
    assert IdentityAccessLog.objects.filter(filing=filing, user=sam).count() == 2  # claim answer + read
    assert number not in api(tina).get(_url(filing)).content.decode()
    assert number not in api(alice).get(_url(filing)).content.decode()
    # Mobiles: in full to the owner and the holder, masked to others.
    head_mobile = filing.entity.head.mobile
    assert api(alice).get(_url(filing)).json()["entity"]["head"]["mobile"] == head_mobile
    assert api(olga).get(_url(filing)).json()["entity"]["head"]["mobile"] != head_mobile


def test_mailing_patch_and_deadlines(api, alice, sam, drive, build):
    region = Region.objects.get(code="CN-BJ")
    region.mailing_rule = "always"
    region.save()
    filing = drive(build.start(), "provider_review")
    api(sam).post(f"/api/v1/review/filings/{filing.code}/claim/")
    detail = (
        api(sam).post(f"/api/v1/review/filings/{filing.code}/approve/", {"note": "ok"}, format="json").json()
    )
    assert detail["state"] == "mailing"
    assert detail["mailing"] == {"required": True, "courier": "", "tracking_number": ""}
    response = api(alice).patch(_url(filing), {"mailing": {"courier": "SF Express"}}, format="json")
    assert error_of(response)["fields"] == {
        "mailing.tracking_number": [error_of(response)["fields"]["mailing.tracking_number"][0]]
    }
    body = {"mailing": {"courier": "SF Express", "tracking_number": "SF1234567890"}}
    response = api(alice).patch(_url(filing), body, format="json")
    assert response.json()["mailing"] == {"required": True, **body["mailing"]}


def test_provider_review_deadline_is_one_working_day(api, alice, drive, build):
    filing = drive(build.start(), "provider_review")
    deadlines = api(alice).get(_url(filing)).json()["deadlines"]
    assert deadlines["provider_review_due"] is not None
    assert deadlines["miit_review_due"] is None


def test_pre_approvals_are_stored_with_their_dates_and_checked_again(api, alice, build):
    filing = build.to(build.start(nature="enterprise"), "information")
    info = build.information(filing)
    document = {"category": "news", "number": "X-1", "issuer": "新闻出版局", "valid_until": "2099-01-01"}
    info["websites"][0]["pre_approvals"] = [document]
    body = {"entity": {**info["entity"], "head": info["entity_head"]}, "websites": info["websites"]}
    response = api(alice).patch(_url(filing), body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["websites"][0]["pre_approvals"] == [document]
    # enter_information checks the stored data again, the date read back from JSON.
    response = api(alice).post(_url(filing, "transitions/enter_information/"))
    assert response.status_code == 200, response.json()
    assert "materials.pre_approval_document.0.news" in [
        i["field"] for i in response.json()["required_materials"]
    ]
    expired = {"websites": [{"pre_approvals": [{**document, "valid_until": "2001-01-01"}]}]}
    error = error_of(api(alice).patch(_url(filing), expired, format="json"))
    assert list(error["fields"]) == ["websites.0.pre_approvals.0.valid_until"]
    wrong = {"websites": [{"pre_approvals": [{**document, "valid_until": "someday"}]}]}
    assert list(error_of(api(alice).patch(_url(filing), wrong, format="json"))["fields"]) == [
        "websites.0.pre_approvals.0.valid_until"
    ]
