"""The review screen's decisions: one thin POST view each, calling its service (claim, approve with
overrides, reject with reasons, a call attempt, mail received, the mailing rejected). A refusal comes back
as the screen with what was typed and each message beside its field (``show_refusal``), never a 500."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.errors import ApplicationError, ServiceUnavailable
from common.forms import show_refusal
from common.widget_rendering import PortalForm
from filings.models import Filing
from reviews import services as review_services
from reviews.assignment import (
    CALL_REJECTION_REASON,
    FAILED_CALLS_FOR_REJECTION,
    failed_calls,
    review_approve_with_overrides,
    review_record_call_attempt,
)
from reviews.models import RejectionReason
from reviews.pages.access import reviewers_only
from reviews.pages.diff import PathWords, concrete_path
from reviews.pages.screen_data import reviewed_filing, screen_data
from reviews.pages.widgets import NormalizedChoices

MAILING_REASON = "mailing_materials_wrong"
MAILING_PATH = "materials.mailed"


# --- Forms: they parse; the rules stay with the services ---------------------------------------------------
class ApproveForm(PortalForm):
    note = forms.CharField(
        label=gettext_lazy("Note with the approval"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OverrideForm(PortalForm):
    """One open blocking finding: why it does not stand in the way (prefix ``override-<finding id>``).
    Needed for approval, so not marked optional; the service says so when it is missing (no browser check)."""

    use_required_attribute = False
    note = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(PortalForm):
    message = forms.CharField(
        label=gettext_lazy("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(PortalForm):
    """One catalogue reason (prefix ``reason-<code>``): chosen or not, and the path it names."""

    chosen = forms.BooleanField(required=False)
    field = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, reason: RejectionReason, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reason = reason
        self.fields["field"].choices = choices
        self.fields["field"].widget.attrs["class"] = "input review-reason__select"
        self.fields["field"].label = gettext_lazy("What it concerns")


class CallForm(PortalForm):
    reached = forms.TypedChoiceField(
        label=gettext_lazy("Did the person in charge answer?"),
        choices=[("yes", gettext_lazy("Reached")), ("no", gettext_lazy("Not reached"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MailingRejectForm(PortalForm):
    message = forms.CharField(
        label=gettext_lazy("What is wrong with the mailed materials"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# --- The forms the screen shows ------------------------------------------------------------------------
def decision_forms(
    filing: Filing,
    words: PathWords,
    open_blocking: list[Any],
    *,
    data: Any = None,
    posted: str = "",
    suggest_unreachable: bool = False,
) -> dict[str, Any]:
    """Unbound forms, or the one named by ``posted`` bound to ``data`` (the others start fresh)."""

    def bound(name: str) -> Any:
        return data if posted == name else None

    groups = words.choices(state=filing.state)
    offered = [path for _label, rows in groups for path, _words in rows]
    choices = NormalizedChoices(groups)
    reasons = []
    for reason in RejectionReason.objects.filter(active=True).exclude(code=MAILING_REASON):
        initial = {
            "field": concrete_path(reason.applies_to, offered),
            "chosen": suggest_unreachable and reason.code == CALL_REJECTION_REASON,
        }
        reasons.append(
            ReasonForm(
                bound("reject"),
                prefix=f"reason-{reason.code}",
                reason=reason,
                choices=choices,
                initial=initial,
            )
        )
    return {
        "approve": ApproveForm(bound("approve"), prefix="approve"),
        "overrides": [(finding, _override_form(finding, bound("approve"))) for finding in open_blocking],
        "reject": RejectForm(bound("reject"), prefix="reject"),
        "reasons": reasons,
        "reason_groups": _grouped(reasons),
        "call": CallForm(bound("call"), prefix="call"),
        "mailing": MailingRejectForm(bound("mailing"), prefix="mailing"),
        "summary": [],
    }


# The catalogue's groups (``reviews/data/rejection-reasons.csv``), in the order a reviewer reads a filing.
GROUP_WORDS = {
    "entity": gettext_lazy("The entity"),
    "contact": gettext_lazy("Contacts"),
    "website": gettext_lazy("Websites"),
    "domain": gettext_lazy("Domains"),
    "materials": gettext_lazy("Materials"),
    "order": gettext_lazy("The filing"),
}


def _override_form(finding: Any, data: Any) -> OverrideForm:
    form = OverrideForm(data, prefix=f"override-{finding.id}")
    form.fields["note"].label = finding.field_label or _("The filing")  # the error summary names the finding
    return form


def _grouped(reasons: list[ReasonForm]) -> list[tuple[str, list[ReasonForm]]]:
    groups: dict[str, list[ReasonForm]] = {}
    for form in reasons:
        groups.setdefault(form.reason.group, []).append(form)
    order = list(GROUP_WORDS)
    ordered = sorted(
        groups.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
    )
    return [(str(GROUP_WORDS.get(group, group)), rows) for group, rows in ordered]


# --- The views ----------------------------------------------------------------------------------------
def _decide(request: HttpRequest, code: Any, posted: str) -> HttpResponse:
    """Parse the posted form, call its service; on a refusal render the screen again with it."""
    filing = reviewed_filing(request.user, code, full=True)
    try:
        done = ACTIONS[posted](request, filing)
    except Refused as refused:
        return render_screen(request, filing, posted=posted, refusal=refused.error, status=refused.status)
    except ApplicationError as error:
        return render_screen(request, filing, posted=posted, refusal=error, status=error.status)
    except ServiceUnavailable:
        error = ApplicationError(
            _("An outside system cannot be reached just now. Nothing was lost: try again soon.")
        )
        return render_screen(request, filing, posted=posted, refusal=error, status=503)
    messages.success(request, done)
    return redirect("review-filing", filing.code)


class Refused(Exception):
    """The posted form itself is not valid (before any service is called)."""

    def __init__(self, error: ApplicationError, status: int = 400) -> None:
        self.error, self.status = error, status


def _invalid(form: forms.Form, prefix: str) -> ApplicationError:
    fields = {f"{prefix}.{name}": [str(e) for e in errors] for name, errors in form.errors.items()}
    return ApplicationError(_("Some information is missing or not valid."), code="invalid", fields=fields)


def _claim(request: HttpRequest, filing: Filing) -> str:
    review_services.review_claim(filing=filing, by=request.user)
    return _("You hold this filing now: decide it, or release it to the queue.")


def _approve(request: HttpRequest, filing: Filing) -> str:
    form = ApproveForm(request.POST, prefix="approve")
    if not form.is_valid():
        raise Refused(_invalid(form, "approve"))
    overrides = []
    for finding_id in posted_overrides(request.POST):
        overrides.append({"finding": finding_id, "note": request.POST[f"override-{finding_id}-note"].strip()})
    state_before = filing.state
    approved = review_approve_with_overrides(
        filing=filing, by=request.user, note=form.cleaned_data["note"], overrides=overrides
    )
    if approved.state == state_before:  # four eyes: the first of two approvals
        return _("First approval given: the filing goes back to the queue for a different specialist.")
    return _("Approved.")


def _reject(request: HttpRequest, filing: Filing) -> str:
    form = RejectForm(request.POST, prefix="reject")
    if not form.is_valid():
        raise Refused(_invalid(form, "reject"))
    reasons = []
    for code in RejectionReason.objects.filter(active=True).values_list("code", flat=True):
        prefix = f"reason-{code}"
        if request.POST.get(f"{prefix}-chosen"):
            reasons.append({"code": code, "field": request.POST.get(f"{prefix}-field", "").strip()})
    if not reasons:
        text = _("Choose at least one reason from the catalogue.")
        raise Refused(ApplicationError(text, code="reasons_required", fields={"reasons": [text]}))
    review_services.review_reject(
        filing=filing, by=request.user, reasons=reasons, message=form.cleaned_data["message"]
    )
    return _("Returned to the applicant with %(count)d reasons.") % {"count": len(reasons)}


def _call(request: HttpRequest, filing: Filing) -> str:
    form = CallForm(request.POST, prefix="call")
    if not form.is_valid():
        raise Refused(_invalid(form, "call"))
    attempt = review_record_call_attempt(
        filing=filing, by=request.user, reached=form.cleaned_data["reached"], note=form.cleaned_data["note"]
    )
    if attempt.reached:
        return _("Call recorded: the person in charge was reached.")
    if failed_calls(filing) >= FAILED_CALLS_FOR_REJECTION:
        return _(
            "Call recorded: %(count)d failed calls in a row. The reason “could not be reached by phone” is "
            "ticked in the rejection form."
        ) % {"count": failed_calls(filing)}
    return _("Call recorded: not reached.")


def _mail_received(request: HttpRequest, filing: Filing) -> str:
    review_services.review_confirm_mail(filing=filing, by=request.user)
    return _("The paper materials are received: the filing goes to MIIT.")


def _mailing_rejected(request: HttpRequest, filing: Filing) -> str:
    form = MailingRejectForm(request.POST, prefix="mailing")
    if not form.is_valid():
        raise Refused(_invalid(form, "mailing"))
    review_services.review_reject(
        filing=filing,
        by=request.user,
        reasons=[{"code": MAILING_REASON, "field": MAILING_PATH}],
        message=form.cleaned_data["message"],
    )
    return _("The mailing is rejected: the applicant is told what to send again.")


ACTIONS = {
    "claim": _claim,
    "approve": _approve,
    "reject": _reject,
    "call": _call,
    "mail_received": _mail_received,
    "mailing": _mailing_rejected,
}


def refusal_messages(
    refusal: ApplicationError, forms_shown: dict[str, Any], posted: str, data: Any
) -> list[str]:
    """Each message of the refusal beside its field (the posted form's, by the service's field paths); the
    rest, and refusals that name no field (a claim someone else won, a filing not held), for the summary."""
    by_prefix: dict[str, Any] = {}
    if posted == "approve":
        by_prefix["approve"] = forms_shown["approve"]
        shown = {finding.id: form for finding, form in forms_shown["overrides"]}
        for index, finding_id in enumerate(posted_overrides(data)):
            if finding_id in shown:
                by_prefix[f"overrides-{index}"] = shown[finding_id]
    elif posted == "reject":
        by_prefix["reject"] = forms_shown["reject"]
        chosen = [form for form in forms_shown["reasons"] if (data or {}).get(f"{form.prefix}-chosen")]
        for index, form in enumerate(chosen):
            by_prefix[f"reasons-{index}"] = form
    elif posted in ("call", "mailing"):
        by_prefix[posted] = forms_shown[posted]
    for form in by_prefix.values():
        form.is_valid()  # a bound form holds its own errors before the refusal's are added
    if posted == "approve" and refusal.code == "findings_open":
        # The open findings each name their own field: their note boxes say it, the summary says why.
        for _finding, form in forms_shown["overrides"]:
            if not form.is_valid():
                form.errors["note"] = form.error_class([_("Say why this finding does not stand in the way.")])
        return [refusal.message]
    return show_refusal(refusal, by_prefix)


def posted_overrides(data: Any) -> list[str]:
    """The finding ids of the overrides posted with a note, in the order posted."""
    return [
        key.removeprefix("override-").removesuffix("-note")
        for key, value in (data or {}).items()
        if key.startswith("override-") and key.endswith("-note") and str(value).strip()
    ]


def render_screen(
    request: HttpRequest,
    filing: Filing,
    *,
    posted: str = "",
    refusal: ApplicationError | None = None,
    status: int = 200,
) -> HttpResponse:
    """The review screen (``screen.review_screen`` and every refused decision render it)."""
    data = screen_data(filing, request.user)
    shown = decision_forms(
        filing,
        data["words"],
        data["open_blocking"],
        data=request.POST if posted else None,
        posted=posted,
        suggest_unreachable=data["suggest_unreachable"],
    )
    summary = refusal_messages(refusal, shown, posted, request.POST) if refusal else []
    error_forms = []
    if refusal:
        error_forms = {
            "approve": [shown["approve"], *[form for _f, form in shown["overrides"]]],
            "reject": [shown["reject"], *shown["reasons"]],
            "call": [shown["call"]],
            "mailing": [shown["mailing"]],
        }.get(posted, [])
    context = {**data, "forms": shown, "summary": summary, "error_forms": error_forms, "posted": posted}
    return render(request, "reviews/screen/screen.html", context, status=status)


@reviewers_only
@require_POST
def claim(request: HttpRequest, code: Any) -> HttpResponse:
    return _decide(request, code, "claim")


@reviewers_only
@require_POST
def approve(request: HttpRequest, code: Any) -> HttpResponse:
    return _decide(request, code, "approve")


@reviewers_only
@require_POST
def reject(request: HttpRequest, code: Any) -> HttpResponse:
    return _decide(request, code, "reject")


@reviewers_only
@require_POST
def call(request: HttpRequest, code: Any) -> HttpResponse:
    return _decide(request, code, "call")


@reviewers_only
@require_POST
def mail_received(request: HttpRequest, code: Any) -> HttpResponse:
    return _decide(request, code, "mail_received")


@reviewers_only
@require_POST
def mailing_rejected(request: HttpRequest, code: Any) -> HttpResponse:
    return _decide(request, code, "mailing")
