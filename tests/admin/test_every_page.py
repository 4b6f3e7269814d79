"""Every model in the admin (issue 14, acceptance 1): each registered model's changelist, change page and add
page (where adding is allowed) answers 200 with data present, and its query count does not grow from 10 to
200 rows; no page shows an identity number in clear; nothing of the process can be deleted.

The data: a few filings driven through the services (every kind of row the process writes), then each
registered model's table topped up by copying one of its rows (``bulk_create``: cheap, and the copies point at
the same related rows, which still costs a query per row where a list forgets ``list_select_related``).
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin, ForeignKeyRawIdWidget
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from filings.services.miit import filing_hand_to_miit, filing_record_miit_outcome
from filings.states import FilingState
from tests.builders import resident_id

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 200
_counter = itertools.count(1)

# Deletable on purpose: a list the operators maintain that no record cites, API tokens (deleting one revokes
# it), an operator's notice subject (deleting it brings the template's back), and the simulators' staged
# outside world (an open order is closed by deleting it).
DELETABLE = {"entities.SensitiveWord", "authtoken.Token", "notifications.SubjectOverride"}
DELETABLE_APPS = {"simulators"}
# Tables a <select> may list whole: reference lists of a few dozen rows that do not grow with the filings.
SMALL_TABLES = {"entities.Region", "auth.Group", "auth.Permission", "contenttypes.ContentType"}


# --- The data -------------------------------------------------------------------------------------------
@pytest.fixture
def process_data(build, alice, sam, olga) -> dict[str, Any]:
    """Rows of every kind the process writes, through the services; returns the identity numbers used."""
    from materials.models import Material, MaterialDownload
    from notifications.models import Notification
    from reviews.findings import findings_compute
    from reviews.models import CallAttempt, Finding, IdentityAccessLog
    from simulators.liveness import stage_face_outcome
    from simulators.miit import mark_certificate_abnormal
    from simulators.open_orders import stage_open_order

    numbers = [resident_id() for _ in range(3)]
    approved = build.to(build.start(certificate_number=numbers[0]), FilingState.MIIT_SUBMISSION)
    filing_hand_to_miit(filing_id=approved.pk)
    filing_record_miit_outcome(filing_id=approved.pk)
    in_review = build.to(build.start(certificate_number=numbers[1]), FilingState.PROVIDER_REVIEW)
    findings_compute(filing_id=in_review.pk, review_round=in_review.review_round)
    Finding.objects.get_or_create(  # a clean filing has none: one as the job writes it
        filing=in_review,
        review_round=in_review.review_round,
        code="registrar_holder_mismatch",
        field="websites.0.domain",
        defaults={"severity": "blocking", "message": "持有者不一致 / The holder differs", "evidence": {}},
    )
    build.with_two_sms_codes(region="CN-TJ", domain=f"sms{next(_counter)}.com", specialist=sam)

    material = Material.objects.filter(filing=approved).first()
    MaterialDownload.objects.create(material=material, user=sam, variant="file")
    IdentityAccessLog.objects.create(filing=in_review, user=sam)
    CallAttempt.objects.create(filing=in_review, specialist=sam, review_round=1, reached=False, note="busy")
    Notification.objects.filter(channel="email").update(failed_at=approved.created_at, last_error="SMTP 550")
    mark_certificate_abnormal(numbers[2], note="abnormal")
    stage_open_order(certificate_type="resident_id", certificate_number=numbers[2], region_code="CN-BJ")
    stage_face_outcome(certificate_number=numbers[2], reason="not live")
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=alice)
    from notifications.models import SubjectOverride

    SubjectOverride.objects.create(
        kind="filing_returned", language="en", subject="Returned: {{ domains|join:', ' }}"
    )
    from common.identity import encrypt_identity, mask_identity
    from materials.models import CertificateRecognition

    CertificateRecognition.objects.create(
        owner=alice,
        filing=approved,
        purpose="entity_head_id",
        status="recognised",
        proposals={
            "name": {"value": "张三", "confidence": 0.98},
            "number": {
                "encrypted": encrypt_identity(numbers[2]),
                "masked": mask_identity(numbers[2]),
                "confidence": 0.97,
            },
        },
    )
    people = [
        person.certificate_number for filing in (approved, in_review) for person in filing.entity.people.all()
    ]
    return {"numbers": set(numbers + people)}


def unique_text(base: str, max_length: int | None) -> str:
    """A value no other row has: the base with a counter, or letters only where the column is short."""
    n = next(_counter)
    if max_length is None or max_length >= 12:
        suffix = f"~{n:06d}"
        return (base[: (max_length or 200) - len(suffix)] if base else "") + suffix
    letters = ""
    for _ in range(max_length):
        n, digit = divmod(n, 26)
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + letters
    return letters


def _vary(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.CharField | models.TextField):
        return unique_text(value or "", field.max_length)
    if isinstance(field, models.IntegerField):
        return (value or 0) + 1000 + next(_counter)
    if isinstance(field, models.OneToOneField):
        return copy_rows(field.related_model, 1)[0].pk
    raise AssertionError(f"{field.model.__name__}.{field.name}: no way to make a unique value")


def _unique_sets(model: type[models.Model]) -> list[list[models.Field]]:
    """The fields that must differ between rows: each unique field, and one field per unique constraint."""
    sets = [
        [field]
        for field in model._meta.concrete_fields
        if field.unique and not isinstance(field, models.AutoField)
    ]
    together = [list(names) for names in model._meta.unique_together]
    together += [
        list(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    for names in together:
        fields = [model._meta.get_field(name) for name in names]
        # Vary a plain column of the set (a number or free text), not a relation or a choice.
        plain = [f for f in fields if not f.is_relation and not f.choices] or fields
        sets.append([plain[-1]])
    return sets


def copy_rows(model: type[models.Model], count: int) -> list[models.Model]:
    """``count`` new rows copied from the model's first row, every unique value made new."""
    model = model._meta.concrete_model
    template = model._default_manager.order_by("pk").first()
    if template is None:  # a settings-like row (all defaults) that the process has not written yet
        try:
            with transaction.atomic():
                template = model._default_manager.create()
        except (IntegrityError, ValueError, TypeError):
            template = None
    assert template is not None, f"no {model._meta.label} row to copy: add one to the process_data fixture"
    varied = {field.attname: field for group in _unique_sets(model) for field in group}
    rows = []
    for _ in range(count):
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key and field.attname not in varied:
                continue
            value = getattr(template, field.attname)
            values[field.attname] = _vary(field, value) if field.attname in varied else value
        rows.append(model(**values))
    return model._default_manager.bulk_create(rows)


def top_up(model: type[models.Model], total: int) -> None:
    missing = total - model._meta.concrete_model._default_manager.count()
    if missing > 0:
        copy_rows(model, missing)


# --- The pages ------------------------------------------------------------------------------------------
def registered() -> list[tuple[type[models.Model], admin.ModelAdmin]]:
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _url(model: type[models.Model], view: str, *args: Any) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def selects_of_every_row(response: Any) -> list[str]:
    """The form's relation fields drawn as a <select> of every row of a table that grows with the process."""
    context = response.context
    if context is None or "adminform" not in context:
        return []
    found = []
    for name, field in context["adminform"].form.fields.items():
        queryset = getattr(field, "queryset", None)
        widget = getattr(field.widget, "widget", field.widget)  # inside the related-field wrapper
        if queryset is None or isinstance(widget, ForeignKeyRawIdWidget | AutocompleteMixin):
            continue
        if queryset.model._meta.label not in SMALL_TABLES:
            found.append(f"{name} ({queryset.model._meta.label})")
    return found


def measure(client, url: str) -> tuple[int, int, str, list[str]]:
    """(status, queries, page, selects of every row) of a GET, after one warm-up request (caches, session)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    content = response.content.decode() if response.status_code == 200 else ""
    return response.status_code, len(queries), content, selects_of_every_row(response)


def pages(client, request) -> dict[str, tuple[int, int, str]]:
    """Every model's changelist, add page (where allowed) and the change page of its first row."""
    results = {}
    for model, model_admin in registered():
        label = model._meta.label
        results[f"{label} changelist"] = measure(client, _url(model, "changelist"))
        if model_admin.has_add_permission(request):
            results[f"{label} add"] = measure(client, _url(model, "add"))
        first = model._default_manager.order_by("pk").first()
        results[f"{label} change"] = measure(client, _url(model, "change", first.pk))
    return results


def test_every_model_of_the_project_is_registered():
    project = {"accounts", "entities", "instances", "notifications", "materials", "filings", "reviews"}
    missing = [
        model._meta.label
        for app in project
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry
        and not model._meta.auto_created
        # Shown inside their filing's change page (an inline), not as a list of their own.
        and model._meta.label not in {"filings.FilingWebsite", "filings.ReviewSnapshot"}
    ]
    assert missing == []


def test_every_admin_page_answers_fast_and_masked(client, olga, process_data, rf):
    client.force_login(olga)
    request = rf.get("/admin/")
    request.user = olga
    for model, _model_admin in registered():
        top_up(model, SMALL)
    small = pages(client, request)
    for model, _model_admin in registered():
        top_up(model, LARGE)
    large = pages(client, request)

    failures = []
    for name, (status, queries, _content, _selects) in small.items():
        large_status, large_queries, large_content, selects = large[name]
        if status != 200 or large_status != 200:
            failures.append(f"{name}: {status} / {large_status}")
            continue
        if large_queries > queries:
            failures.append(f"{name}: {queries} queries at {SMALL} rows, {large_queries} at {LARGE}")
        # A related field shown as a <select> of every row grows the page with the table.
        if selects:
            failures.append(f"{name}: a select of every row: {', '.join(selects)} (raw_id_fields?)")
        shown = [number for number in process_data["numbers"] if number in large_content]
        if shown:
            failures.append(f"{name}: an identity number in clear")
    assert not failures, "\n".join(failures)


def test_nothing_of_the_process_can_be_deleted(rf, olga):
    request = rf.get("/admin/")
    request.user = olga
    deletable = [
        model._meta.label
        for model, model_admin in registered()
        if model_admin.has_delete_permission(request)
        and model._meta.concrete_model._meta.label not in DELETABLE
        and model._meta.app_label not in DELETABLE_APPS
    ]
    assert deletable == []
