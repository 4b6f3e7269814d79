"""MIIT's SMS verification: each person MIIT texted enters the code with the last 6 characters of their
certificate number. The page stands in for MIIT's own site while the MIIT simulator is configured; with it, a
"simulated phone" shows the texts so a demo user can read the codes (``gateways.miit.demo_inbox``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.errors import ApplicationError, ServiceUnavailable, TransitionConflict
from common.forms import in_active_language, show_refusal
from common.identity import mask_mobile
from common.widget_rendering import PortalForm
from filings import services
from filings.models import Filing, SmsVerification
from filings.pages.common import applicant_page, own_filing
from filings.pages.progress import next_step
from filings.states import FilingState
from gateways.miit import demo_inbox

S = FilingState


class SmsCodeForm(PortalForm):
    """One person's answer (prefix ``sms-<id>``); the service judges the code and the digits."""

    code = forms.CharField(
        max_length=12,
        label=gettext_lazy("Code from the SMS"),
        help_text=gettext_lazy("The 6 digits MIIT (工信部) sent to this mobile."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
        ),
    )
    certificate_tail = forms.CharField(
        max_length=6,
        label=gettext_lazy("Last 6 characters of the certificate number"),
        help_text=gettext_lazy(
            "Of this person's identity document, as printed (an X counts as a character)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


@dataclass
class Person:
    """One mobile MIIT texted in this round, as the page shows it."""

    verification: SmsVerification
    names: list[str]
    form: SmsCodeForm
    resend_errors: list[str] = field(default_factory=list)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.verification.mobile)

    @property
    def attempts_left(self) -> int:
        return max(settings.SMS_MAX_WRONG_CODES - self.verification.wrong_attempts, 0)


def _people_and_person(filing: Filing, verification_id: int) -> tuple[list[Person], Person | None]:
    """This round's people, and the one a form was posted for while the filing waits for codes (None when
    it no longer does, or MIIT did not text that person for this filing)."""
    people = _people(filing, _verifications(filing))
    person = next((item for item in people if item.verification.pk == verification_id), None)
    return people, person if filing.state == S.SMS_VERIFICATION else None


def _verifications(filing: Filing) -> list[SmsVerification]:
    return list(
        SmsVerification.objects.filter(filing=filing, review_round=filing.review_round).order_by(
            "sent_at", "id"
        )
    )


def _people(filing: Filing, verifications: list[SmsVerification], data: Any = None) -> list[Person]:
    mobiles = [item.mobile for item in verifications]
    names: dict[str, list[str]] = {}
    for mobile, name in filing.entity.people.filter(mobile__in=mobiles).values_list("mobile", "name"):
        if name not in names.setdefault(mobile, []):
            names[mobile].append(name)
    return [
        Person(item, names.get(item.mobile, []), SmsCodeForm(data, prefix=f"sms-{item.pk}"))
        for item in verifications
    ]


@applicant_page
def sms_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    return _render(request, filing, _people(filing, _verifications(filing)))


@applicant_page
@require_POST
def sms_verify(request: HttpRequest, code: Any, verification_id: int) -> HttpResponse:
    """One person's code; a wrong one comes back beside the code field with the attempts left."""
    filing = own_filing(request, code)
    people, person = _people_and_person(filing, verification_id)
    if person is None:
        return _not_waiting(request, filing)
    person.form = SmsCodeForm(request.POST, prefix=f"sms-{verification_id}")
    page_errors: list[str] = []
    if person.form.is_valid():
        try:
            filing = services.filing_verify_sms_code(
                filing=filing,
                by=request.user,
                mobile=person.verification.mobile,
                code=person.form.cleaned_data["code"],
                certificate_tail=person.form.cleaned_data["certificate_tail"],
            )
        except ApplicationError as error:
            filing.refresh_from_db()
            if filing.state != S.SMS_VERIFICATION:  # the 5th wrong code or an expired one returned it
                messages.error(request, in_active_language(error.message))
                return redirect("filing-detail", filing.code)
            for text in show_refusal(error, {"": person.form}):
                person.form.add_error(None, text)
            person.verification.refresh_from_db()
        except ServiceUnavailable:
            page_errors.append(_("MIIT cannot be reached just now. Nothing was lost: try again in a minute."))
        else:
            filing.refresh_from_db()
            if filing.state != S.SMS_VERIFICATION:
                messages.success(request, _("All codes are verified: MIIT now reviews the filing."))
            else:
                messages.success(
                    request,
                    _("The mobile ending %(tail)s is verified.") % {"tail": person.verification.mobile[-4:]},
                )
            return redirect("filing-sms", filing.code)
    return _render(request, filing, people, page_errors)


@applicant_page
@require_POST
def sms_resend(request: HttpRequest, code: Any, verification_id: int) -> HttpResponse:
    """Ask MIIT to send a person's code again (MIIT resends once, and limits what a number receives)."""
    filing = own_filing(request, code)
    people, person = _people_and_person(filing, verification_id)
    if person is None:
        return _not_waiting(request, filing)
    page_errors: list[str] = []
    try:
        services.filing_resend_sms(filing=filing, by=request.user, mobile=person.verification.mobile)
    except TransitionConflict as error:
        messages.error(request, in_active_language(error.message))
        return redirect("filing-sms", filing.code)
    except ApplicationError as error:
        person.resend_errors = [in_active_language(m) for items in error.fields.values() for m in items] or [
            in_active_language(error.message)
        ]
        page_errors.extend(person.resend_errors)
    except ServiceUnavailable:
        page_errors.append(_("MIIT cannot be reached just now. Nothing was lost: try again in a minute."))
    else:
        messages.success(
            request,
            _("MIIT sent the code again to the mobile ending %(tail)s. The new code replaces the old one.")
            % {"tail": person.verification.mobile[-4:]},
        )
        return redirect("filing-sms", filing.code)
    return _render(request, filing, people, page_errors)


def _not_waiting(request: HttpRequest, filing: Filing) -> HttpResponse:
    """A post to a filing no longer waiting for codes, or naming a person not texted in this round."""
    if filing.state == S.SMS_VERIFICATION:
        messages.error(request, _("MIIT sent no code to this number for this filing."))
    else:
        messages.error(request, _("The filing is not waiting for SMS codes."))
    return redirect("filing-sms", filing.code)


def _render(
    request: HttpRequest, filing: Filing, people: list[Person], page_errors: list[str] | None = None
) -> HttpResponse:
    waiting = filing.state == S.SMS_VERIFICATION
    verified_all = bool(people) and all(item.verification.verified_at for item in people)
    inbox = demo_inbox([item.verification.mobile for item in people]) if waiting else None
    words, next_url = next_step(filing)
    return render(
        request,
        "filings/sms/sms.html",
        {
            "filing": filing,
            "people": people,
            "waiting": waiting,
            "verified_all": verified_all,
            "page_errors": page_errors or [],
            "forms_shown": [item.form for item in people],
            "inbox": None if inbox is None else [(mask_mobile(text.mobile), text) for text in inbox],
            "max_wrong": settings.SMS_MAX_WRONG_CODES,
            "valid_hours": settings.SMS_CODE_VALID_HOURS,
            "next_words": words,
            "next_url": next_url,
        },
    )


urlpatterns = [
    path("<uuid:code>/sms/", sms_page, name="filing-sms"),
    path("<uuid:code>/sms/<int:verification_id>/verify/", sms_verify, name="filing-sms-verify"),
    path("<uuid:code>/sms/<int:verification_id>/resend/", sms_resend, name="filing-sms-resend"),
]
