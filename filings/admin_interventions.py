"""The operators' interventions in the admin: a button on the filing's page and an action on the changelist
each, both asking for a reason on an intermediate form and calling one service of
``filings/services/operator.py``. A refusal lands beside its field (an empty reason, no specialist chosen) or
at the top of the form (a filing in the wrong state), and nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.errors import ApplicationError
from filings.admin_page import intervention_url
from filings.models import REVIEW_STATES, Filing
from filings.services import operator
from filings.states import FilingState
from materials.models import Material, MaterialStatus
from notifications.models import Channel, Notification

S = FilingState
BULK_LIMIT = 200  # filings per changelist action: a bigger selection is narrowed with the filters first


@dataclass(frozen=True)
class Intervention:
    name: str
    label: Promise  # the button, the action and the form's title
    explains: Promise  # what happens, said on the form before the operator confirms
    offered: Callable[[Filing], bool]  # shown as a button on the filing's page in its state
    service: Callable[..., Any]
    target: str = ""  # "notification" or "material": one row of the filing, chosen on its page


def _reassign(*, filing: Filing, by: Any, reason: str, specialist: Any = None, **_: Any) -> Any:
    return operator.filing_reassign_claim(filing=filing, by=by, to=specialist, reason=reason)


def _simple(service: Callable[..., Any]) -> Callable[..., Any]:
    def run(*, filing: Filing, by: Any, reason: str, **_: Any) -> Any:
        return service(filing=filing, by=by, reason=reason)

    return run


def _retry_notification(*, filing: Filing, by: Any, reason: str, target: Any, **_: Any) -> Any:
    return operator.filing_retry_notification(filing=filing, by=by, notification=target, reason=reason)


def _rerun_material(*, filing: Filing, by: Any, reason: str, target: Any, **_: Any) -> Any:
    return operator.filing_rerun_material(filing=filing, by=by, material=target, reason=reason)


INTERVENTIONS: dict[str, Intervention] = {
    item.name: item
    for item in (
        Intervention(
            operator.REASSIGN_CLAIM,
            _("Reassign to another specialist"),
            _("The specialist you choose holds the filing from now on and is told so."),
            lambda filing: filing.state in REVIEW_STATES,
            _reassign,
        ),
        Intervention(
            operator.RELEASE_CLAIM,
            _("Release the claim"),
            _("The filing goes back to the review queue, where any specialist can take it."),
            lambda filing: filing.state in REVIEW_STATES and filing.claimed_by_id is not None,
            _simple(operator.filing_release_claim),
        ),
        Intervention(
            operator.RETURN_TO_APPLICANT,
            _("Return to the applicant"),
            _(
                "The filing's review deadline has passed. It goes back to the applicant, who reads your reason, "
                "corrects what is needed and submits again (a new review round)."
            ),
            operator.is_stuck,
            _simple(operator.filing_return_to_applicant),
        ),
        Intervention(
            operator.RETRY_MIIT,
            _("Retry the MIIT work"),
            _(
                "The hand-over to MIIT (or the query for MIIT's outcome) is sent again. It is safe to repeat: "
                "MIIT receives one submission per review round."
            ),
            lambda filing: filing.state in operator.MIIT_JOBS,
            _simple(operator.filing_retry_miit_work),
        ),
        Intervention(
            operator.RERUN_FINDINGS,
            _("Re-run the automated findings"),
            _(
                "The findings job of the current review round is sent again; a round whose findings are "
                "stored keeps them."
            ),
            lambda filing: filing.state == S.PROVIDER_REVIEW,
            _simple(operator.filing_rerun_findings),
        ),
        Intervention(
            operator.RETRY_NOTIFICATION,
            _("Retry a failed delivery"),
            _("The email or SMS is sent again through the outbox."),
            lambda filing: False,
            _retry_notification,
            target="notification",
        ),
        Intervention(
            operator.RERUN_MATERIAL,
            _("Re-run the processing of an upload"),
            _("The upload waiting in quarantine goes through the checks again."),
            lambda filing: False,
            _rerun_material,
            target="material",
        ),
    )
}


def offered_buttons(filing: Filing) -> list[dict[str, str]]:
    """The interventions on the whole filing that apply in its state (rows get their own links)."""
    return [
        {"name": item.name, "label": str(item.label), "url": intervention_url(filing, item.name)}
        for item in INTERVENTIONS.values()
        if not item.target and item.offered(filing)
    ]


class InterventionForm(forms.Form):
    """The reason (and, to reassign, the specialist). Nothing is required here: the service refuses an
    empty reason or a missing specialist, and its message is put beside the field."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Recorded on the filing's history with your name."),
    )

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if intervention.name == operator.REASSIGN_CLAIM:
            self.fields["specialist"] = forms.ModelChoiceField(
                label=_("Specialist"),
                queryset=get_user_model()
                .objects.filter(role="specialist", is_active=True)
                .order_by("username"),
                required=False,
            )
            self.order_fields(["specialist", "reason"])
        if intervention.name == operator.RETURN_TO_APPLICANT:
            self.fields["reason"].help_text = _("The applicant reads this reason. Recorded with your name.")

    def show_refusal(self, refusal: ApplicationError) -> None:
        placed = False
        for name, field_messages in refusal.fields.items():
            if name in self.fields:
                for message in field_messages:
                    self.add_error(name, message)
                placed = True
        if not placed:
            self.add_error(None, refusal.message)


def _target(filing: Filing, intervention: Intervention, code: str) -> Any:
    """The notice or upload of this filing an intervention names (by its code), or 404."""
    model = {"notification": Notification, "material": Material}[intervention.target]
    found = model.objects.filter(filing=filing, code=code).first() if _is_uuid(code) else None
    if found is None:
        raise Http404
    return found


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True


def _context(model_admin: Any, request: HttpRequest, intervention: Intervention, **more: Any) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": intervention.label,
        "intervention": intervention,
        **more,
    }


def intervene_view(model_admin: Any, request: HttpRequest, object_id: str, name: str) -> HttpResponse:
    """``<filing>/intervene/<name>/``: the reason form for one filing (GET), the service called (POST)."""
    intervention = INTERVENTIONS.get(name)
    filing = model_admin.get_object(request, object_id)
    if intervention is None or filing is None:
        raise Http404
    if not request.user.has_perm("filings.change_filing"):
        raise PermissionDenied
    code = request.POST.get("target") or request.GET.get(intervention.target or "-", "")
    target = _target(filing, intervention, code) if intervention.target else None
    form = InterventionForm(request.POST or None, intervention=intervention)
    if request.method == "POST" and form.is_valid():
        try:
            intervention.service(
                filing=filing,
                by=request.user,
                reason=form.cleaned_data["reason"],
                specialist=form.cleaned_data.get("specialist"),
                target=target,
            )
        except ApplicationError as refusal:
            form.show_refusal(refusal)
        else:
            messages.success(request, gettext("Done: %(what)s.") % {"what": intervention.label})
            return HttpResponseRedirect(reverse("admin:filings_filing_change", args=[filing.pk]))
    context = _context(
        model_admin,
        request,
        intervention,
        form=form,
        filings=[filing],
        original=filing,
        target=target,
        target_code=code,
        cancel_url=reverse("admin:filings_filing_change", args=[filing.pk]),
    )
    return TemplateResponse(request, "admin/filings/filing/intervention.html", context)


# --- The changelist's actions -------------------------------------------------------------------------------
def _targets_of(filing: Filing, intervention: Intervention) -> list[Any]:
    """Every row of the filing a bulk action acts on: its emails and SMS not delivered, its stuck uploads."""
    if intervention.target == "notification":
        return list(
            Notification.objects.filter(filing=filing, sent_at__isnull=True).exclude(channel=Channel.INBOX)
        )
    if intervention.target == "material":
        return list(Material.objects.filter(filing=filing, status=MaterialStatus.PROCESSING))
    return [None]


def bulk_intervene(
    model_admin: Any, request: HttpRequest, queryset: QuerySet[Filing], intervention: Intervention
) -> HttpResponse | None:
    """An action on the selected filings: the reason form first (the intermediate page), then the service
    for each filing; a refusal of the form's fields (the reason) stops before anything changes."""
    if not request.user.has_perm("filings.change_filing"):
        raise PermissionDenied
    filings = list(queryset.select_related("entity", "claimed_by").order_by("pk")[: BULK_LIMIT + 1])
    if len(filings) > BULK_LIMIT:
        message = gettext("Select at most %(limit)d filings at once (narrow the list with the filters).")
        model_admin.message_user(request, message % {"limit": BULK_LIMIT}, messages.ERROR)
        return None
    form = InterventionForm(request.POST if "apply" in request.POST else None, intervention=intervention)
    if "apply" in request.POST and form.is_valid():
        try:
            operator.require_reason(form.cleaned_data["reason"])  # once, before any filing is touched
        except ApplicationError as refusal:
            form.show_refusal(refusal)
    if "apply" in request.POST and form.is_valid():
        done, refused = 0, []
        for filing in filings:
            targets = _targets_of(filing, intervention)
            if not targets:
                refused.append(f"{filing.code}: {gettext('nothing to retry')}")
            for target in targets:
                try:
                    intervention.service(
                        filing=filing,
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                        specialist=form.cleaned_data.get("specialist"),
                        target=target,
                    )
                except ApplicationError as refusal:
                    if not done and set(refusal.fields) & set(form.fields):
                        form.show_refusal(refusal)  # the same for every filing: say it once, beside the field
                        break
                    refused.append(f"{filing.code}: {refusal.message}")
                else:
                    done += 1
            if form.errors:
                break
        if not form.errors:
            _report(model_admin, request, intervention, done, refused)
            return None
    context = _context(
        model_admin,
        request,
        intervention,
        form=form,
        filings=filings,
        bulk=True,
        action_name=request.POST.get("action", ""),
        selected=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        select_across=request.POST.get("select_across", "0"),
        action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
        cancel_url=reverse("admin:filings_filing_changelist"),
    )
    return TemplateResponse(request, "admin/filings/filing/intervention.html", context)


def _report(
    model_admin: Any, request: HttpRequest, intervention: Intervention, done: int, refused: list
) -> None:
    text = ngettext("%(what)s: done once.", "%(what)s: done %(count)d times.", done)
    model_admin.message_user(
        request,
        text % {"what": intervention.label, "count": done},
        messages.SUCCESS if done else messages.WARNING,
    )
    if refused:
        shown = "; ".join(refused[:10]) + (" …" if len(refused) > 10 else "")
        model_admin.message_user(
            request,
            ngettext(
                "Refused for %(count)d filing: %(which)s",
                "Refused for %(count)d filings: %(which)s",
                len(refused),
            )
            % {"count": len(refused), "which": shown},
            messages.WARNING,
        )


def intervention_actions() -> list[Callable[..., Any]]:
    """One changelist action per intervention (``intervene_<name>``)."""

    def make(intervention: Intervention) -> Callable[..., Any]:
        def action(model_admin: Any, request: HttpRequest, queryset: QuerySet[Filing]) -> Any:
            return bulk_intervene(model_admin, request, queryset, intervention)

        action.__name__ = f"intervene_{intervention.name}"
        action.short_description = intervention.label  # type: ignore[attr-defined]
        action.allowed_permissions = ("intervene",)  # type: ignore[attr-defined]
        return action

    return [make(item) for item in INTERVENTIONS.values()]
