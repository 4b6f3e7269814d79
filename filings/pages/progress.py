"""Where a filing stands, in the applicant's words: the step indicator's stages, the task list of steps 1–5,
what to do next, and which step page holds a field a reason names.

Words and page names only: what may happen next is the state machine's (``pages.common.applicant_can``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from filings.models import Filing
from filings.states import APPLICANT_STEPS, CLOSED_STATES, RETURNED_STATES, FilingState

S = FilingState

# The step indicator: steps 1–5 of the wizard and the stages after (quality.md "Usability").
STAGES: tuple[tuple[str, Promise, tuple[str, ...]], ...] = (
    ("type", _("Filing type"), (S.TYPE_DETECTION,)),
    ("instance", _("Instance"), (S.INSTANCE_VERIFICATION,)),
    ("information", _("Information"), (S.INFORMATION,)),
    ("materials", _("Materials"), (S.MATERIALS,)),
    ("check", _("Self-check"), (S.SELF_CHECK,)),
    ("review", _("Provider review"), (S.PROVIDER_REVIEW, S.PROVIDER_REJECTED, S.MAILING)),
    ("miit", _("MIIT review"), (S.MIIT_SUBMISSION, S.SMS_VERIFICATION, S.MIIT_REVIEW, S.MIIT_REJECTED)),
    ("done", _("ICP numbers"), (S.APPROVED,)),
)

# Each wizard step's page (URL name under ``filings/pages/urls.py``).
STEP_PAGES = {
    S.TYPE_DETECTION: "filing-detail",
    S.INSTANCE_VERIFICATION: "filing-instances",
    S.INFORMATION: "filing-information",
    S.MATERIALS: "filing-materials",
    S.SELF_CHECK: "filing-check",
}

# What the applicant does next, by state: the sentence and the page to do it on.
NEXT_STEPS: dict[str, tuple[Promise, str]] = {
    S.TYPE_DETECTION: (_("Check the filing type of your entity and domains."), "filing-detail"),
    S.INSTANCE_VERIFICATION: (
        _("Give each website the service number of a cloud instance."),
        "filing-instances",
    ),
    S.INFORMATION: (_("Fill in the entity's and the websites' information."), "filing-information"),
    S.MATERIALS: (
        _("Upload the materials and verify the faces of the people in charge."),
        "filing-materials",
    ),
    S.SELF_CHECK: (_("Check your answers, then submit the filing for review."), "filing-check"),
    S.PROVIDER_REVIEW: (
        _("Nothing to do: a specialist of your provider is reviewing the filing."),
        "filing-detail",
    ),
    S.PROVIDER_REJECTED: (_("Correct what the specialist named, then resubmit."), "filing-detail"),
    S.MAILING: (_("Mail the paper materials and enter the courier's tracking number."), "filing-mailing"),
    S.MIIT_SUBMISSION: (_("Nothing to do: the filing is being handed to MIIT."), "filing-detail"),
    S.SMS_VERIFICATION: (_("Enter the codes MIIT sent by SMS within 24 hours."), "filing-sms"),
    S.MIIT_REVIEW: (_("Nothing to do: MIIT is reviewing the filing."), "filing-detail"),
    S.MIIT_REJECTED: (_("Correct what MIIT named, then resubmit."), "filing-detail"),
    S.APPROVED: (
        _("Put the ICP number in your website's footer, and file with the police (PSB) within 30 days."),
        "filing-result",
    ),
    S.WITHDRAWN: (_("Nothing to do: this filing was withdrawn."), "filing-detail"),
}


@dataclass(frozen=True)
class Stage:
    key: str
    label: Promise
    status: str  # done, current, returned, upcoming
    number: int


def stages(filing: Filing) -> list[Stage]:
    current = next((index for index, (_k, _l, states) in enumerate(STAGES) if filing.state in states), 0)
    shown = []
    for index, (key, label, _states) in enumerate(STAGES):
        if filing.state == S.APPROVED or index < current:
            status = "done"
        elif index == current:
            status = "returned" if filing.state in RETURNED_STATES else "current"
        else:
            status = "upcoming"
        shown.append(Stage(key=key, label=label, status=status, number=index + 1))
    return shown


def next_step(filing: Filing) -> tuple[Promise, str]:
    """The sentence and the URL of what the applicant does next."""
    words, page = NEXT_STEPS[filing.state]
    return words, reverse(page, args=[filing.code])


@dataclass(frozen=True)
class Task:
    """A row of the task list (GOV.UK's pattern): one wizard step and its status."""

    state: str
    label: Promise
    status: str  # completed, in_progress, not_started, cannot_start
    url: str


def tasks(filing: Filing) -> list[Task]:
    """Steps 1–5 and where each stands. Past the wizard (in review and after) every step is completed."""
    past_wizard = filing.state not in APPLICANT_STEPS
    at = APPLICANT_STEPS.index(filing.state) if not past_wizard else len(APPLICANT_STEPS)
    found = []
    for index, state in enumerate(APPLICANT_STEPS):
        if index < at:
            status = "completed"
        elif index == at:
            status = "in_progress"
        else:
            status = "cannot_start"
        label = dict(S.choices)[state]
        found.append(
            Task(state=state, label=label, status=status, url=reverse(STEP_PAGES[state], args=[filing.code]))
        )
    return found


def page_of_field(filing: Filing, field: str) -> str:
    """The step page holding the field a reason names, with the field's anchor (``materials.*`` → step 4;
    service numbers → step 2; the entity's and the websites' data → step 3; the whole filing → its page)."""
    anchor = "#id_" + field.replace(".", "-")
    if field.startswith("materials"):
        return reverse("filing-materials", args=[filing.code]) + anchor
    if field.endswith("service_number") and field.startswith("websites"):
        return reverse("filing-instances", args=[filing.code]) + anchor
    if field.startswith(("entity", "website")):
        return reverse("filing-information", args=[filing.code]) + anchor
    return reverse("filing-detail", args=[filing.code])


def is_closed(filing: Filing) -> bool:
    return filing.state in CLOSED_STATES


def tag_kind(filing: Filing) -> str:
    """The colour of the state's tag: the applicant acts, waits, is returned, is done, or it is closed."""
    if filing.state == S.APPROVED:
        return "done"
    if filing.state == S.WITHDRAWN:
        return "closed"
    if filing.state in RETURNED_STATES:
        return "returned"
    if filing.state in (*APPLICANT_STEPS, S.MAILING, S.SMS_VERIFICATION):
        return "action"
    return "waiting"
