"""The mailing step (after the provider's review, in a region whose rule asks for paper materials): what to
mail, where, and the courier's tracking number. The specialist confirms receipt on the review side."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.errors import ApplicationError, TransitionConflict
from common.forms import in_active_language, show_refusal
from common.widget_rendering import PortalForm
from entities.models import EntityNature, Region
from filings import services
from filings.models import Filing
from filings.pages.common import applicant_page, own_filing
from filings.pages.progress import next_step
from filings.pages.regions import region_name
from filings.states import FilingState

S = FilingState

COURIERS = ("顺丰速运 SF Express", "中国邮政 EMS", "京东快递 JD Logistics", "圆通速递 YTO", "中通快递 ZTO")


class MailingForm(PortalForm):
    """Prefix ``mailing``: the service names ``mailing.courier`` and ``mailing.tracking_number``."""

    courier = forms.CharField(
        max_length=64,
        label=gettext_lazy("Courier"),
        help_text=gettext_lazy("The company carrying the envelope, such as SF Express or EMS."),
        widget=forms.TextInput(attrs={"list": "couriers", "autocomplete": "off"}),
    )
    tracking_number = forms.CharField(
        max_length=64,
        label=gettext_lazy("Tracking number"),
        help_text=gettext_lazy("As printed on the courier's receipt (运单号)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


@applicant_page
def mailing_page(request: HttpRequest, code: Any) -> HttpResponse:
    filing = own_filing(request, code)
    page_errors: list[str] = []
    entered = bool(filing.mailing_tracking_number)
    if request.method == "POST":
        form = MailingForm(request.POST, prefix="mailing")
        if form.is_valid():
            try:
                services.filing_enter_mailing(
                    filing=filing,
                    by=request.user,
                    courier=form.cleaned_data["courier"],
                    tracking_number=form.cleaned_data["tracking_number"],
                )
            except TransitionConflict as error:
                messages.error(request, in_active_language(error.message))
                return redirect("filing-mailing", filing.code)
            except ApplicationError as error:
                page_errors = show_refusal(error, {"mailing": form})
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your provider confirms when the envelope arrives, then hands the filing to MIIT."
                    ),
                )
                return redirect("filing-mailing", filing.code)
        show_form = True
    else:
        initial = {"courier": filing.mailing_courier, "tracking_number": filing.mailing_tracking_number}
        form = MailingForm(prefix="mailing", initial=initial if entered else None)
        show_form = not entered or "change" in request.GET
    words, next_url = next_step(filing)
    return render(
        request,
        "filings/mailing/mailing.html",
        {
            "filing": filing,
            "form": form,
            "page_errors": page_errors,
            "waiting": filing.state == S.MAILING,
            "entered": entered,
            "show_form": show_form,
            "rule": mailing_rule_words(filing.region),
            "materials": materials_to_mail(filing),
            "address": settings.PROVIDER_MAILING_ADDRESS,
            "couriers": COURIERS,
            "next_words": words,
            "next_url": next_url,
        },
    )


def mailing_rule_words(region: Region) -> str:
    """Why this filing is mailed: the region's ``mailing_rule`` (``Region.requires_mailing``) in words."""
    rule = region.mailing_rule.strip()
    name = region_name(region)
    if rule == "always":
        return _("%(region)s asks every filing for signed paper materials.") % {"region": name}
    limits = {}
    for clause in rule.split(";"):
        applies_to, _sep, threshold = clause.strip().partition(">")
        if threshold.strip().isdigit():
            limits[applies_to.strip()] = int(threshold)
    parts = []
    if "individual" in limits:
        parts.append(_("an individual holds more than %(count)d domains") % {"count": limits["individual"]})
    if "organization" in limits:
        parts.append(
            _("an organisation holds more than %(count)d domains") % {"count": limits["organization"]}
        )
    if not parts:
        return _("Your region asks for signed paper materials.")
    return _("%(region)s asks for signed paper materials when %(when)s.") % {
        "region": name,
        "when": _(" or ").join(parts),
    }


def materials_to_mail(filing: Filing) -> list[dict[str, Any]]:
    """The envelope's contents: each website's verification form, signed, and copies of the certificates."""
    entity = filing.entity
    organisation = entity.nature != EntityNature.INDIVIDUAL
    items: list[dict[str, Any]] = []
    websites = filing.filing_websites.select_related("website__domain").order_by("position")
    for item in websites:
        website = item.website
        items.append(
            {
                "text": _(
                    "The verification form (核验单) of %(domain)s, printed, signed by the website's person "
                    "in charge%(seal)s and dated."
                )
                % {
                    "domain": website.domain.name,
                    "seal": _(" and stamped with the entity's seal") if organisation else "",
                },
                "website_code": website.code,
            }
        )
    items.append(
        {
            "text": _("A copy of the entity's certificate (%(type)s)%(seal)s.")
            % {
                "type": entity.get_certificate_type_display(),
                "seal": _(", stamped with the entity's seal") if organisation else "",
            }
        }
    )
    items.append(
        {
            "text": _(
                "A copy of the identity document, both sides, of the entity's person in charge and of each "
                "website's person in charge."
            )
        }
    )
    return items


urlpatterns = [path("<uuid:code>/mailing/", mailing_page, name="filing-mailing")]
