"""The simulators' endpoints: operators play the outside world over HTTP, only while it is simulated."""

from __future__ import annotations

import pytest

from simulators.models import (
    FaceCheckOutcome,
    MiitAbnormalCertificate,
    MiitOpenOrder,
    RegistrarDomainRecord,
    SmsInboxMessage,
)
from tests.api.conftest import error_of
from tests.builders import resident_id

pytestmark = pytest.mark.django_db
SIM = "/api/v1/simulators/"


def _registry_body(**changes) -> dict:
    return {
        "certificate_type": "resident_id",
        "certificate_number": resident_id("110101"),
        "region": "CN-BJ",
        "nature": "individual",
        "name": "张三",
        "websites": [{"domain": "Staged.COM", "name": "山水", "access_providers": ["OTHERCLOUD"]}],
        **changes,
    }


def test_stage_a_registry_entity_with_its_websites(api, olga):
    body = _registry_body()
    response = api(olga).post(f"{SIM}miit/registry/", body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["icp_number"].startswith("京ICP备")
    assert data["websites"][0]["domain"] == "staged.com"
    assert data["websites"][0]["website_number"] == f"{data['icp_number']}-1"
    assert body["certificate_number"] not in response.content.decode()
    again = api(olga).post(f"{SIM}miit/registry/", body, format="json")
    assert error_of(again)["fields"] == {"websites.0.domain": ["This domain is already in the registry."]}


def test_registry_input_errors(api, olga):
    body = _registry_body(region="CN-XX", websites=[{"domain": "not a domain", "name": "x"}])
    fields = error_of(api(olga).post(f"{SIM}miit/registry/", body, format="json"))["fields"]
    assert set(fields) == {"region", "websites.0.domain"}
    assert (
        "nature"
        in error_of(api(olga).post(f"{SIM}miit/registry/", _registry_body(nature="x"), format="json"))[
            "fields"
        ]
    )


def test_stage_registrar_record_and_abnormal_certificate(api, olga):
    body = {
        "domain": "例子.中国",
        "holder_name": "张三",
        "holder_certificate_number": resident_id(),
        "real_name_verified_at": "2025-01-01",
        "expires_at": "2030-01-01",
    }
    response = api(olga).post(f"{SIM}registrar/domains/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["domain"] == "xn--fsqu00a.xn--fiqs8s"
    assert "*" in response.json()["holder_certificate"]
    assert RegistrarDomainRecord.objects.count() == 1
    error = error_of(
        api(olga).post(f"{SIM}registrar/domains/", {**body, "domain": "bad domain"}, format="json")
    )
    assert error["fields"] == {"domain": [error["message"]]}
    response = api(olga).post(
        f"{SIM}miit/abnormal-certificates/", {"certificate_number": "X1"}, format="json"
    )
    assert response.status_code == 201
    assert MiitAbnormalCertificate.objects.count() == 1


def test_staged_open_order_refuses_type_detection_of_that_certificate(api, olga, alice):
    certificate = resident_id("110101")
    body = {"certificate_type": "resident_id", "certificate_number": certificate.lower(), "region": "CN-BJ"}
    response = api(olga).post(f"{SIM}miit/open-orders/", body, format="json")
    assert response.status_code == 201, response.json()
    staged = response.json()
    assert staged["certificate_number"] == certificate[:4] + "*" * 10 + certificate[-4:]
    assert staged["provider_code"] == "OTHERCLOUD" and staged["region"] == "CN-BJ"
    assert certificate not in response.content.decode()
    assert certificate not in repr(list(MiitOpenOrder.objects.values()))  # kept as a keyed hash

    start = {
        "region": "CN-BJ",
        "entity": {
            "nature": "individual",
            "certificate_type": "resident_id",
            "certificate_number": certificate,
        },
        "websites": [{"domain": "open-order.com"}],
    }
    started = api(alice).post("/api/v1/filings/", start, format="json")
    assert started.status_code == 201, started.json()
    filing_url = f"/api/v1/filings/{started.json()['id']}/"
    refused = api(alice).post(f"{filing_url}transitions/detect_type/")
    assert refused.status_code == 400
    assert error_of(refused)["code"] == "open_order_exists"
    assert api(alice).get(filing_url).json()["state"] == "type_detection"


def test_staged_open_order_concerns_that_certificate_only(api, olga, alice):
    body = {"certificate_type": "resident_id", "certificate_number": resident_id("110101"), "region": "CN-BJ"}
    assert api(olga).post(f"{SIM}miit/open-orders/", body, format="json").status_code == 201
    start = {
        "region": "CN-BJ",
        "entity": {
            "nature": "individual",
            "certificate_type": "resident_id",
            "certificate_number": resident_id("110101"),
        },
        "websites": [{"domain": "no-open-order.com"}],
    }
    filing_id = api(alice).post("/api/v1/filings/", start, format="json").json()["id"]
    response = api(alice).post(f"/api/v1/filings/{filing_id}/transitions/detect_type/")
    assert response.status_code == 200, response.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"certificate_number": ""}, "certificate_number"),
        ({"certificate_number": "1" * 41}, "certificate_number"),
        ({"certificate_type": "library_card"}, "certificate_type"),
        ({"region": "CN-XX"}, "region"),
    ],
)
def test_open_order_input_errors(api, olga, changes, field):
    body = {
        "certificate_type": "resident_id",
        "certificate_number": resident_id(),
        "region": "CN-BJ",
        **changes,
    }
    response = api(olga).post(f"{SIM}miit/open-orders/", body, format="json")
    assert response.status_code == 400
    assert field in error_of(response)["fields"]
    assert not MiitOpenOrder.objects.exists()


def test_stage_face_outcome(api, olga):
    body = {"person": "7b7e8f3a-0000-4000-8000-000000000001", "reason": "Not live"}
    assert api(olga).post(f"{SIM}face-checks/outcomes/", body, format="json").status_code == 201
    assert FaceCheckOutcome.objects.get().person_reference == body["person"]
    error = error_of(api(olga).post(f"{SIM}face-checks/outcomes/", {"reason": "x"}, format="json"))
    assert error["code"] == "invalid" and "person" in error["fields"]


def test_sms_inbox_lists_messages_newest_first_filtered_by_mobile(api, olga):
    SmsInboxMessage.objects.create(mobile="13900000001", sender="MIIT", text="核验码为123456")
    SmsInboxMessage.objects.create(mobile="13900000002", sender="MIIT", text="核验码为654321")
    response = api(olga).get(f"{SIM}sms/inbox/", {"mobile": "13900000002"})
    assert response.status_code == 200
    assert [m["text"] for m in response.json()["results"]] == ["核验码为654321"]


def test_outcome_job_runs_now(api, olga):
    response = api(olga).post(f"{SIM}miit/outcome-job/")
    assert response.status_code == 200
    assert response.json() == {"submissions_decided": 0, "filings_in_miit_review": 0}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "miit/registry/"),
        ("post", "miit/abnormal-certificates/"),
        ("post", "miit/open-orders/"),
        ("post", "miit/outcome-job/"),
        ("post", "registrar/domains/"),
        ("post", "face-checks/outcomes/"),
        ("get", "sms/inbox/"),
    ],
)
def test_operators_only(api, alice, sam, method, path):
    assert getattr(api(alice), method)(f"{SIM}{path}", {}, format="json").status_code == 403
    assert getattr(api(sam), method)(f"{SIM}{path}", {}, format="json").status_code == 403
    assert getattr(api(), method)(f"{SIM}{path}", {}, format="json").status_code == 401


@pytest.mark.parametrize(
    ("setting", "method", "path"),
    [
        ("MIIT_GATEWAY", "post", "miit/registry/"),
        ("MIIT_GATEWAY", "post", "miit/open-orders/"),
        ("MIIT_GATEWAY", "post", "miit/outcome-job/"),
        ("REGISTRAR_GATEWAY", "post", "registrar/domains/"),
        ("LIVENESS_GATEWAY", "post", "face-checks/outcomes/"),
    ],
)
def test_absent_when_the_real_gateway_is_configured(api, olga, settings, setting, method, path):
    setattr(settings, setting, "gateways.production.RealGateway")
    response = getattr(api(olga), method)(f"{SIM}{path}", {}, format="json")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"
    assert getattr(api(), method)(f"{SIM}{path}", {}, format="json").status_code == 404


def test_sms_inbox_absent_when_neither_miit_nor_sms_is_simulated(api, olga, settings):
    settings.MIIT_GATEWAY = "gateways.production.Miit"
    assert api(olga).get(f"{SIM}sms/inbox/").status_code == 200  # the portal's own texts still land there
    settings.SMS_GATEWAY = "gateways.sms.ConsoleSmsGateway"
    assert api(olga).get(f"{SIM}sms/inbox/").status_code == 404
