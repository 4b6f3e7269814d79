"""After the approval: the applicant records each website's public-security (PSB) filing number."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import ApplicationError, TransitionConflict
from entities.rules import raise_for_problems
from entities.rules.psb import check_psb_number
from filings.models import Filing
from filings.services.common import require_owner, websites_of
from filings.states import FilingState


def filing_record_psb_numbers(*, filing: Filing, by: Any, numbers: list[str]) -> Filing:
    """Store ``numbers`` (one per website, in the filing's order; blank: not recorded yet) on the websites of
    an approved filing, by its applicant. Every number is checked against the region's form first; a problem
    names its field (``websites.<i>.psb_number``) and nothing is stored."""
    require_owner(filing, by)
    with transaction.atomic():
        locked = Filing.objects.select_for_update().select_related("region").get(pk=filing.pk)
        if locked.state != FilingState.APPROVED:
            raise TransitionConflict(
                _("The PSB numbers are recorded once the filing is approved."), code="not_approved"
            )
        items = sorted(websites_of(locked), key=lambda item: item.position)
        if len(numbers) != len(items):
            message = _("Send one PSB number per website, in the filing's order.")
            raise ApplicationError(message, code="website_count", fields={"websites": [message]})
        cleaned = [(number or "").strip() for number in numbers]
        raise_for_problems(
            found
            for index, number in enumerate(cleaned)
            if number
            for found in check_psb_number(number, region=locked.region, field=f"websites.{index}.psb_number")
        )
        for item, number in zip(items, cleaned, strict=True):
            if item.website.psb_number != number:
                item.website.psb_number = number
                item.website.save(update_fields=["psb_number"])
    filing.refresh_from_db()
    return filing
