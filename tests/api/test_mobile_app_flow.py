"""The mobile app and the provider's staff, over HTTP only, from the first form to the ICP numbers.

A live server, a real Celery worker and the MIIT simulator behind them. The test body speaks HTTP and nothing
else (no project import): the applicant's app obtains a token, starts an initial filing in Zhejiang (where MIIT
asks for SMS verification), goes through every step with the API — photos generated here with Pillow, the
pre-filled verification form downloaded, its signed scan uploaded —, an operator stages the registrar's record and
reads the phone's SMS inbox through the simulator endpoints, a specialist claims and approves, and the app
answers MIIT's SMS and ends with the numbers. The fixtures create the accounts and the applicant's cloud
instance (there is no API for either: they come from the provider's account system).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from typing import Any

import pytest
import requests
from PIL import Image, ImageDraw

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
MOBILE = "13857100001"  # a Zhejiang (Hangzhou) mobile number
DOMAIN = "shanshui-photo.cn"


@pytest.fixture
def portal(live_server, celery_worker, alice, bob, sam, olga) -> str:
    """The portal's address, with a worker behind it and alice's subscription instance in the inventory."""
    from instances.services import instance_create

    instance_create(
        owner=alice,
        instance_id="i-bp1mobileapp0001",
        cloud_region="cn-hangzhou",
        public_ip="47.96.10.20",
        expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=400),
    )
    return f"{live_server.url}/api/v1"


# --- What the app does by itself ------------------------------------------------------------------------------
def resident_id(division: str, birth: str, sequence: str) -> str:
    """A resident ID number with its ISO 7064 mod 11-2 check character."""
    body = f"{division}{birth}{sequence}"
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    check = (12 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


def colour_jpeg(seed: int) -> bytes:
    image = Image.new("RGB", (800, 520), (40 + seed * 30, 110, 170 - seed * 10))
    draw = ImageDraw.Draw(image)
    for index in range(10):
        x, y = (seed * 61 + index * 73) % 680, (seed * 37 + index * 47) % 440
        draw.rectangle((x, y, x + 110, y + 70), fill=((index * 50) % 256, (seed * 80) % 256, 90), width=3)
    draw.text((20, 20), f"certificate photo {seed}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A one-page PDF as a scanner writes it, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (signed) Tj ET\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


class App:
    """A client of the API holding one person's token."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.session = requests.Session()
        response = self.session.post(f"{base}/auth/token/", json={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        self.session.headers["Authorization"] = f"Token {response.json()['token']}"

    def call(self, method: str, path: str, expect: int = 200, **options: Any) -> Any:
        response = self.session.request(method, f"{self.base}{path}", timeout=30, **options)
        assert response.status_code == expect, (method, path, response.status_code, response.text[:2000])
        return response

    def get(self, path: str, **options: Any) -> Any:
        return self.call("GET", path, **options).json()

    def post(self, path: str, expect: int = 200, **options: Any) -> Any:
        return self.call("POST", path, expect, **options).json()

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.call("PATCH", path, json=body).json()

    def wait_for(self, path: str, predicate, timeout: float = 60.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            body = self.get(path)
            if predicate(body):
                return body
            assert time.monotonic() < deadline, f"gave up waiting on {path}: {body}"
            time.sleep(0.2)


def test_an_initial_filing_from_the_first_form_to_the_icp_numbers(portal):
    app, specialist, operator = App(portal, "alice"), App(portal, "sam"), App(portal, "olga")
    certificate = resident_id("330106", "19880512", "123")

    # Step 1: the region's rules, then the filing with its entity and domain; the type is detected.
    regions = {region["code"]: region for region in app.get("/regions/")}
    assert regions["CN-ZJ"]["sms_required"] is True
    filing = app.post(
        "/filings/",
        201,
        json={
            "region": "CN-ZJ",
            "entity": {
                "nature": "individual",
                "certificate_type": "resident_id",
                "certificate_number": certificate,
            },
            "websites": [{"domain": DOMAIN}],
        },
    )
    assert filing["state"] == "type_detection" and "detect_type" in filing["available_transitions"]
    url = f"/filings/{filing['id']}/"
    stranger = App(portal, "bob")
    assert stranger.call("GET", url, 404).json()["error"]["code"] == "not_found"
    assert stranger.call("POST", f"{url}transitions/withdraw/", 404).json()["error"]["fields"] == {}
    filing = app.post(f"{url}transitions/detect_type/")
    assert (filing["state"], filing["filing_type"]) == ("instance_verification", "initial")

    # Step 2: a free service number of the applicant's instance.
    [instance] = app.get("/instances/")["results"]
    service_number = instance["free_service_numbers"][0]
    filing = app.patch(url, {"websites": [{"service_number": service_number}]})
    assert filing["websites"][0]["service_number"] == service_number
    filing = app.post(f"{url}transitions/verify_instance/")
    assert filing["state"] == "information"

    # The operator stages what the domain's registrar knows (the holder is the applicant).
    today = dt.date.today()
    operator.post(
        "/simulators/registrar/domains/",
        201,
        json={
            "domain": DOMAIN,
            "holder_name": "张三",
            "holder_certificate_number": certificate,
            "real_name_verified_at": (today - dt.timedelta(days=60)).isoformat(),
            "expires_at": (today + dt.timedelta(days=800)).isoformat(),
        },
    )

    # Step 3: the entity, its person in charge and the website.
    filing = app.patch(
        url,
        {
            "entity": {
                "name": "张三",
                "certificate_address": "浙江省杭州市西湖区文三路100号",
                "mailing_address": "浙江省杭州市西湖区文三路100号1单元101室",
                "head": {
                    "name": "张三",
                    "certificate_type": "resident_id",
                    "certificate_number": certificate,
                    "mobile": MOBILE,
                    "emergency_phone": "0571-87654321",
                    "email": "zhangsan@example.com",
                    "is_legal_representative": True,
                },
            },
            "websites": [
                {
                    "name": "山水摄影集",
                    "homepage_url": f"https://{DOMAIN}/",
                    "content_type": "other",
                    "pre_approvals": [],
                    "head": None,
                }
            ],
        },
    )
    assert filing["entity"]["certificate_number"] != certificate  # masked, even to the owner
    filing = app.post(f"{url}transitions/enter_information/")
    assert filing["state"] == "materials"

    # Step 4: every required material (the signed form comes back as a PDF), then face verification.
    for index, item in enumerate(filing["required_materials"]):
        if item["kind"] == "verification_form":
            form = app.call("GET", f"{url}verification-form/{item['website']}/")
            assert form.headers["Content-Type"] == "application/pdf" and form.content.startswith(b"%PDF")
            # Printed, signed, scanned back to a PDF (written here: the scanner's PDF, not the portal's).
            upload = ("signed-form.pdf", scanned_pdf(), "application/pdf")
        else:
            upload = (f"{item['kind']}.jpg", colour_jpeg(index), "image/jpeg")
        fields = {"kind": item["kind"]}
        if item["website"]:
            fields["website"] = item["website"]
        material = app.post(f"{url}materials/", 201, data=fields, files={"file": upload})
        assert material["status"] == "processing"
    filing = app.wait_for(url, lambda f: all(m["status"] == "accepted" for m in f["required_materials"]))
    for person in filing["face_verification"]:
        check = app.post(
            f"{url}face-verification/",
            201,
            data={"person": person["person"]},
            files={"selfie": ("selfie.jpg", colour_jpeg(42), "image/jpeg")},
        )
        assert check["reference"]
    app.wait_for(url, lambda f: all(p["status"] == "passed" for p in f["face_verification"]))
    accepted = app.get(f"{url}materials/")["results"][0]
    assert app.call("GET", accepted["file"].removeprefix("/api/v1")).content[:4] in (
        b"%PDF",
        b"\xff\xd8\xff\xe0",
    )

    # Step 5: self-check, submit.
    assert app.post(f"{url}transitions/complete_materials/")["state"] == "self_check"
    assert app.post(f"{url}transitions/submit/")["state"] == "provider_review"

    # Step 6: a specialist takes it from the queue and approves; the worker hands it to MIIT.
    queue = specialist.get("/review/queue/", params={"region": "CN-ZJ"})["results"]
    assert [item["id"] for item in queue] == [filing["id"]]
    held = specialist.post(f"/review/filings/{filing['id']}/claim/")
    assert held["entity"]["certificate_number"] == certificate  # the holder sees it in clear (logged)
    assert specialist.post(f"/review/filings/{filing['id']}/approve/", json={"note": "材料齐全"})[
        "state"
    ] in (
        "miit_submission",
        "sms_verification",
    )

    # Step 8: MIIT texted a code; the operator reads it off the simulated phone, the app sends it back.
    filing = app.wait_for(url, lambda f: f["state"] == "sms_verification")
    [person] = filing["sms"]["people"]
    assert person["mobile"] == MOBILE and person["attempts_left"] == 5
    inbox = operator.get("/simulators/sms/inbox/", params={"mobile": MOBILE, "sender": "MIIT"})["results"]
    code = re.search(r"核验码为(\d{6})", inbox[0]["text"]).group(1)
    typo = {"codes": [{"mobile": MOBILE, "code": "1" + code[1:] if code[0] != "1" else "2" + code[1:]}]}
    typo["codes"][0]["certificate_tail"] = certificate[-6:]
    refused = app.call("POST", f"{url}transitions/verify_sms/", 400, json=typo).json()["error"]
    assert refused["code"] == "sms_code_wrong" and list(refused["fields"]) == ["codes.0.code"]
    assert app.get(url)["sms"]["people"][0]["attempts_left"] == 4
    filing = app.post(
        f"{url}transitions/verify_sms/",
        json={"codes": [{"mobile": MOBILE, "code": code, "certificate_tail": certificate[-6:]}]},
    )
    assert filing["state"] in ("miit_review", "approved")

    # Step 9: MIIT decides; the outcome job (run now through the simulator) records the numbers.
    deadline = time.monotonic() + 60
    while filing["state"] != "approved":
        assert time.monotonic() < deadline, filing
        operator.post("/simulators/miit/outcome-job/")
        time.sleep(0.2)
        filing = app.get(url)
    assert re.fullmatch(r"浙ICP备\d{4}\d{6}号", filing["icp_number"])
    assert filing["websites"][0]["website_number"] == f"{filing['icp_number']}-1"
    assert filing["available_transitions"] == []
    assert [event["transition"] for event in filing["events"]] == [
        "detect_type",
        "verify_instance",
        "enter_information",
        "complete_materials",
        "submit",
        "approve",
        "hand_to_miit",
        "verify_sms",
        "miit_approve",
    ]
    notices = app.get("/notifications/")["results"]
    assert notices[0]["kind"] == "filing_approved" and notices[0]["filing"] == filing["id"]
    assert filing["icp_number"] in notices[0]["text"]
