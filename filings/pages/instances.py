"""Step 2: each website gets the service number (备案服务号) of a qualifying cloud instance.

The applicant picks one of their own instances' free numbers or types a number someone else gave them.
``services.filing_assign_service_numbers`` decides whether a number may be used (it re-opens step 2 when the
filing is past it); ``services.filing_verify_instance`` moves the filing on to step 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import ApplicationError
from common.forms import in_active_language, show_refusal
from filings import services
from filings.api.queries import service_numbers_in_progress
from filings.models import Filing, FilingWebsite
from filings.pages.common import applicant_page, own_filing, reasons_by_field
from filings.pages.information_forms import ServiceChecked
from filings.states import RETURNED_STATES, FilingState
from instances.models import Instance, ServiceNumber
from instances.services import instance_problems

STEP = FilingState.INSTANCE_VERIFICATION


class ServiceNumberForm(ServiceChecked):
    """One website's number (prefix ``websites-<i>``: a refusal names ``websites.<i>.service_number``)."""

    asked = ("service_number",)

    service_number = forms.CharField(
        required=False,
        label=gettext_lazy("Service number"),
        widget=forms.RadioSelect,
    )
    typed_service_number = forms.CharField(
        required=False,
        max_length=40,
        label=gettext_lazy("Or type a service number"),
        help_text=gettext_lazy(
            "A number someone else gave you for their instance. It is used instead of the choice above."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def chosen(self) -> str:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return (data.get("typed_service_number") or "").strip() or (data.get("service_number") or "")


@dataclass(frozen=True)
class InstanceRow:
    instance: Instance
    problems: list[str]
    free: list[str]


def _instances(filing: Filing, user: Any) -> list[InstanceRow]:
    """The applicant's instances, each with why it does not qualify (the instances app's rule) and its free
    numbers: not used for good, not held by another filing in progress (this filing's own stay free here)."""
    # A correlated NOT EXISTS: PostgreSQL looks up each of the applicant's few numbers by index, where a
    # NOT IN would build the set of every number held by a filing in progress (a third of a second).
    busy = service_numbers_in_progress().exclude(filing=filing).filter(service_number=OuterRef("pk"))
    rows = []
    instances = Instance.objects.filter(owner=user).order_by("instance_id")
    free_by_instance: dict[int, list[str]] = {}
    numbers = (
        ServiceNumber.objects.filter(instance__in=instances, consumed_at__isnull=True)
        .exclude(Exists(busy))
        .order_by("code")
    )
    for number in numbers:
        free_by_instance.setdefault(number.instance_id, []).append(number.code)
    for instance in instances:
        problems = [in_active_language(item.message) for item in instance_problems(instance, field="")]
        rows.append(
            InstanceRow(instance=instance, problems=problems, free=free_by_instance.get(instance.pk, []))
        )
    return rows


def _choices(rows: list[InstanceRow], items: list[FilingWebsite], index: int) -> list[tuple[str, str]]:
    """Website ``index``'s options: its stored number, then one number of each qualifying instance (the
    ``index``-th of those no website of this filing holds, so each website is offered a different one)."""
    stored = {item.service_number.code for item in items if item.service_number_id}
    choices: list[tuple[str, str]] = []
    own = items[index].service_number
    if own is not None:
        choices.append((own.code, _("%(number)s (saved)") % {"number": own.code}))
    for row in rows:
        if row.problems:
            continue
        unassigned = [code for code in row.free if code not in stored]
        if not unassigned:
            continue
        code = unassigned[min(index, len(unassigned) - 1)]
        label = _("%(instance)s · %(region)s · %(ip)s, number %(number)s") % {
            "instance": row.instance.instance_id,
            "region": row.instance.cloud_region,
            "ip": row.instance.public_ip or "—",
            "number": code,
        }
        choices.append((code, label))
    return choices


def _forms(
    filing: Filing, items: list[FilingWebsite], rows: list[InstanceRow], data: Any = None
) -> list[ServiceNumberForm]:
    found = []
    for index, item in enumerate(items):
        choices = _choices(rows, items, index)
        initial: dict[str, str] = {}
        if item.service_number_id:
            initial["service_number"] = item.service_number.code
        form = ServiceNumberForm(data, prefix=f"websites-{index}", initial=initial)
        form.fields["service_number"].widget.choices = choices
        form.fields["service_number"].label = _("Service number for %(domain)s") % {
            "domain": item.website.domain.name
        }
        form.website = item  # type: ignore[attr-defined]
        form.has_choices = bool(choices)  # type: ignore[attr-defined]
        found.append(form)
    return found


def _websites(filing: Filing) -> list[FilingWebsite]:
    return list(
        filing.filing_websites.select_related("website__domain", "service_number__instance").order_by(
            "position"
        )
    )


@applicant_page
def instances_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    items = _websites(filing)
    editable = services.step_is_editable(filing, step=STEP)
    rows = _instances(filing, request.user) if editable else []
    page_errors: list[str] = []
    if request.method == "POST":
        if not editable:
            messages.error(request, _("The service numbers cannot change while the filing is in this state."))
            return redirect("filing-detail", filing.code)
        number_forms = _forms(filing, items, rows, request.POST)
        if all(form.is_valid() for form in number_forms):
            page_errors, done = _save(request, filing, number_forms)
            if done is not None:
                return done
    else:
        number_forms = _forms(filing, items, rows)
    reasons = reasons_by_field(filing)
    for index, form in enumerate(number_forms):
        form.reasons = reasons.get(f"websites.{index}.service_number", [])  # type: ignore[attr-defined]
    return render(
        request,
        "filings/instances/instances.html",
        {
            "filing": filing,
            "items": items,
            "forms": number_forms,
            "editable": editable,
            "reopens": editable and filing.state != STEP and filing.state not in RETURNED_STATES,
            "returned": filing.state in RETURNED_STATES,
            "instances": rows,
            "page_errors": page_errors,
        },
    )


def _save(
    request: HttpRequest, filing: Filing, number_forms: list[ServiceNumberForm]
) -> tuple[list[str], HttpResponse | None]:
    """Assign the numbers; "Save and continue" also verifies step 2. A refusal goes beside its fields."""
    continuing = "continue" in request.POST
    try:
        services.filing_assign_service_numbers(
            filing=filing, by=request.user, service_numbers=[form.chosen() for form in number_forms]
        )
        filing.refresh_from_db()
        if continuing and filing.state == STEP:
            services.filing_verify_instance(filing=filing, by=request.user)
    except ApplicationError as error:
        return show_refusal(error, {form.prefix: form for form in number_forms}), None
    if filing.state in RETURNED_STATES:
        messages.success(
            request, _("The service numbers are saved. Resubmit the filing when all is corrected.")
        )
        return [], redirect("filing-detail", filing.code)
    if continuing:
        return [], redirect("filing-information", filing.code)
    messages.success(request, _("The service numbers are saved. Come back to step 2 when you are ready."))
    return [], redirect("filing-detail", filing.code)


urlpatterns = [path("<uuid:code>/instances/", instances_page, name="filing-instances")]
