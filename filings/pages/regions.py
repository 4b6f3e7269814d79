"""A region's rules in the applicant's words, read from the Region row (operators edit it in the admin)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entities.models import IndividualResidency, Region


def region_name(region: Region) -> str:
    return region.name_en if (get_language() or "").startswith("en") else region.name_zh


def region_rules(region: Region) -> list[str]:
    """One sentence per rule this region applies, in the order an applicant meets them."""
    rules = []
    if region.individual_residency != IndividualResidency.ANY:
        rules.append(_("Individuals: %(rule)s.") % {"rule": region.get_individual_residency_display()})
    if region.min_age:
        rules.append(
            _("Individuals and people in charge must be at least %(age)d years old.")
            % {"age": region.min_age}
        )
    if region.head_must_be_legal_rep:
        rules.append(
            _(
                "The entity's person in charge must be its legal representative, or you upload an authorisation letter."
            )
        )
    if region.local_phone_required:
        rules.append(_("Mobile numbers must be registered in this region."))
    if region.domain_min_months:
        rules.append(
            _("Each domain must stay valid for at least %(months)d more months.")
            % {"months": region.domain_min_months}
        )
    if region.max_domains_per_order:
        rules.append(_("At most %(count)d websites per filing.") % {"count": region.max_domains_per_order})
    if region.individual_excluded_tlds.strip():
        rules.append(
            _("Individuals cannot file domains ending in: %(tlds)s.")
            % {"tlds": region.individual_excluded_tlds}
        )
    if region.individual_name_blacklist.strip():
        rules.append(
            _("An individual's website name must not contain: %(words)s.")
            % {"words": region.individual_name_blacklist}
        )
    if region.empty_entity_must_cancel:
        rules.append(_("An entity with no website left must cancel its filing before filing a new website."))
    rule = region.mailing_rule.strip()
    if rule == "always":
        rules.append(_("After the provider's review you mail the signed paper materials."))
    elif rule:
        rules.append(
            _("Above a number of domains (%(rule)s) you mail the signed paper materials.") % {"rule": rule}
        )
    if region.sms_required:
        rules.append(_("MIIT sends an SMS code to each person named; enter the codes within 24 hours."))
    rules.append(_("MIIT reviews within %(days)d working days.") % {"days": region.review_workdays})
    return rules
