"""Every API endpoint × every persona → the answer api.md and quality.md call for.

The table is written from the specification, not derived from the code: applicants reach their own filings
(another applicant's is a 404, as if it did not exist), specialists the filings of their queue, inbox and
archive, operators all of them; specialists' actions are theirs alone, reassigning and the simulators are the
operators'; anonymous callers get 401 except for the public token, regions, schema and docs.

Each row builds its world once; each persona's request runs in a savepoint rolled back afterwards, so one
persona's success does not change what the next one meets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from entities.models import Region
from filings import services
from materials.requirements import face_verification_people
from reviews import services as review_services
from simulators.models import SmsInboxMessage
from tests.api.conftest import photo, token_client
from tests.builders import resident_id

pytestmark = pytest.mark.django_db
PERSONAS = ("owner", "other", "specialist", "operator", "anonymous")
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    path: str  # {id}, {material}, {website} are filled from the world
    world: str | None  # the filing's situation (below), or None
    expect: tuple[int, int, int, int, int]  # owner, other applicant, specialist, operator, anonymous
    body: Callable[[Any, Any], Any] | None = None  # (world, user) → body
    multipart: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _start_body(world, user):
    return {
        "region": "CN-BJ",
        "entity": {
            "nature": "individual",
            "certificate_type": "resident_id",
            "certificate_number": resident_id("110101"),
        },
        "websites": [{"domain": f"matrix-{user.username if user else 'anon'}.com"}],
    }


def _upload(world, user):
    return {"kind": "id_front", "file": SimpleUploadedFile("id.jpg", photo(5), "image/jpeg")}


def _selfie(world, user):
    person = face_verification_people(world["filing"])[0]
    return {"person": str(person.code), "selfie": SimpleUploadedFile("me.jpg", photo(6), "image/jpeg")}


def _resend(world, user):
    return {"mobile": world["filing"].sms_verifications.get().mobile}


def _registry(world, user):
    return {
        "certificate_type": "resident_id",
        "certificate_number": resident_id("110101"),
        "region": "CN-BJ",
        "nature": "individual",
        "name": "张三",
        "websites": [{"domain": "matrix-registry.com", "name": "站", "access_providers": []}],
    }


def _registrar(world, user):
    return {"domain": "matrix.com", "holder_name": "张三", "holder_certificate_number": resident_id()}


OK_SIM = (403, 403, 403, 200, 401)
CREATED_SIM = (403, 403, 403, 201, 401)
REVIEW_LIST = (403, 403, 200, 200, 401)
SPECIALIST_ACTION = (403, 403, 200, 403, 401)

ROWS = [
    Row(
        "token", "post", "auth/token/", None, (200, 200, 200, 200, 400),
        body=lambda w, u: {"username": u.username if u else "nobody", "password": PASSWORD},
    ),
    Row("regions", "get", "regions/", None, (200, 200, 200, 200, 200)),
    Row("schema", "get", "schema/", None, (200, 200, 200, 200, 200)),
    Row("docs", "get", "docs/", None, (200, 200, 200, 200, 200)),
    Row("filing list", "get", "filings/", None, (200, 200, 200, 200, 401)),
    Row("filing start", "post", "filings/", None, (201, 201, 403, 403, 401), body=_start_body),
    Row("filing detail", "get", "filings/{id}/", "review", (200, 404, 200, 200, 401)),
    Row("filing detail, draft", "get", "filings/{id}/", "materials", (200, 404, 404, 200, 401)),
    Row(
        "filing patch", "patch", "filings/{id}/", "materials", (200, 404, 404, 403, 401),
        body=lambda w, u: {"entity": {"name": "张三"}},
    ),
    Row(
        "transition withdraw", "post", "filings/{id}/transitions/withdraw/", "materials",
        (200, 404, 404, 403, 401), body=lambda w, u: {},
    ),
    Row(
        "transition withdraw, in review", "post", "filings/{id}/transitions/withdraw/", "review",
        (200, 404, 403, 403, 401), body=lambda w, u: {},
    ),
    Row("material list", "get", "filings/{id}/materials/", "materials", (200, 404, 404, 200, 401)),
    Row(
        "material upload", "post", "filings/{id}/materials/", "materials", (201, 404, 404, 403, 401),
        body=_upload, multipart=True,
    ),
    Row("material file", "get", "filings/{id}/materials/{material}/file", "review", (200, 404, 200, 200, 401)),
    Row(
        "face verification", "post", "filings/{id}/face-verification/", "materials",
        (201, 404, 404, 403, 401), body=_selfie, multipart=True,
    ),
    Row(
        "sms resend", "post", "filings/{id}/sms/resend/", "sms", (202, 404, 403, 403, 401), body=_resend
    ),
    Row(
        "verification form", "get", "filings/{id}/verification-form/{website}/", "materials",
        (200, 404, 404, 404, 401),
    ),
    Row("instances", "get", "instances/", None, (200, 200, 200, 200, 401)),
    Row("notifications", "get", "notifications/", None, (200, 200, 200, 200, 401)),
    Row("review queue", "get", "review/queue/", None, REVIEW_LIST),
    Row("review inbox", "get", "review/inbox/", None, REVIEW_LIST),
    Row("review archive", "get", "review/archive/", None, REVIEW_LIST),
    Row("claim", "post", "review/filings/{id}/claim/", "review", SPECIALIST_ACTION),
    Row("release", "post", "review/filings/{id}/release/", "held", SPECIALIST_ACTION),
    Row("approve", "post", "review/filings/{id}/approve/", "held", SPECIALIST_ACTION, body=lambda w, u: {}),
    Row(
        "reject", "post", "review/filings/{id}/reject/", "held", SPECIALIST_ACTION,
        body=lambda w, u: {"reasons": [{"code": "address_incomplete", "field": "entity.mailing_address"}]},
    ),
    Row(
        "call attempt", "post", "review/filings/{id}/call-attempt/", "held", (403, 403, 201, 403, 401),
        body=lambda w, u: {"reached": False},
    ),
    Row("confirm mail", "post", "review/filings/{id}/confirm-mail/", "mailing", SPECIALIST_ACTION),
    Row(
        "reassign", "post", "review/filings/{id}/reassign/", "held", (403, 403, 403, 200, 401),
        body=lambda w, u: {"specialist": "tina"},
    ),
    Row("sim registry", "post", "simulators/miit/registry/", None, CREATED_SIM, body=_registry),
    Row(
        "sim abnormal certificate", "post", "simulators/miit/abnormal-certificates/", None, CREATED_SIM,
        body=lambda w, u: {"certificate_number": "X123"},
    ),
    Row(
        "sim open order", "post", "simulators/miit/open-orders/", None, CREATED_SIM,
        body=lambda w, u: {"certificate_type": "resident_id", "certificate_number": resident_id(), "region": "CN-BJ"},
    ),
    Row("sim outcome job", "post", "simulators/miit/outcome-job/", None, OK_SIM),
    Row("sim registrar", "post", "simulators/registrar/domains/", None, CREATED_SIM, body=_registrar),
    Row(
        "sim face outcome", "post", "simulators/face-checks/outcomes/", None, CREATED_SIM,
        body=lambda w, u: {"certificate_number": resident_id(), "reason": "Not live"},
    ),
    Row("sim sms inbox", "get", "simulators/sms/inbox/", None, OK_SIM),
]  # fmt: skip


@pytest.fixture
def personas(alice, bob, sam, tina, olga) -> dict[str, Any]:
    return {"owner": alice, "other": bob, "specialist": sam, "operator": olga, "anonymous": None}


def _world(kind: str | None, drive, build, sam) -> dict[str, Any]:
    if kind is None:
        return {}
    if kind == "materials":
        filing = drive(build.start(), "materials")
    elif kind in ("review", "held"):
        filing = drive(build.start(), "provider_review")
        if kind == "held":
            review_services.review_claim(filing=filing, by=sam)
    elif kind == "mailing":
        Region.objects.filter(code="CN-BJ").update(mailing_rule="always")
        filing = drive(build.start(), "provider_review")
        review_services.review_claim(filing=filing, by=sam)
        review_services.review_approve(filing=filing, by=sam)
        services.filing_enter_mailing(filing=filing, by=filing.applicant, courier="EMS", tracking_number="E1")
        review_services.review_claim(filing=filing, by=sam)
    elif kind == "sms":
        filing = drive(build.start(region="CN-ZJ"), "miit_submission", specialist=sam)
        services.filing_hand_to_miit(filing_id=filing.pk)
        # MIIT sends a number one text a minute: the first code is older than that.
        SmsInboxMessage.objects.update(sent_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    else:
        raise AssertionError(kind)
    filing.refresh_from_db()
    material = filing.materials.filter(status="accepted").first()
    return {
        "filing": filing,
        "id": filing.code,
        "material": material.code if material else "",
        "website": filing.filing_websites.get().website.code,
    }


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_every_endpoint_answers_each_persona_as_specified(row, personas, drive, build, sam):
    world = _world(row.world, drive, build, sam)
    path = "/api/v1/" + row.path.format(**{k: v for k, v in world.items() if k != "filing"})
    answers = {}
    for persona in PERSONAS:
        user = personas[persona]
        with transaction.atomic():
            client = token_client(user)
            options: dict[str, Any] = {}
            if row.body is not None:
                options["data"] = row.body(world, user)
                options["format"] = "multipart" if row.multipart else "json"
            response = getattr(client, row.method)(path, **options)
            answers[persona] = response.status_code
            if response.status_code >= 400 and response["Content-Type"] == "application/json":
                assert set(response.json()) == {"error"}, response.json()
            transaction.set_rollback(True)
    assert answers == dict(zip(PERSONAS, row.expect, strict=True))
