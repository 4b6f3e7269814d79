"""The MIIT registry, asked again now: a domain filed under another entity since step 1, an order for the
entity opened meanwhile elsewhere, or the registry's answer now giving another filing type than the one
detected at step 1.

The rule is ``filings.detection.detect_filing_type`` on the gateway's ``registry_lookup`` answer, as at step
1. Severity: **blocking** — MIIT refuses a conflicting domain, a second open order, and a filing of the
wrong type.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from common.errors import ApplicationError
from filings.detection import Detection, detect_filing_type
from filings.services import open_filing_exists_here
from filings.states import FilingType
from gateways.miit import miit_gateway
from reviews.findings.base import BLOCKING, Context, Found

GROUP = "registry"


def registry_findings(context: Context) -> list[Found]:
    filing = context.filing
    entity = filing.entity
    items = filing.filing_websites.select_related("website__domain").order_by("position")
    domains = [item.website.domain.ascii_name for item in items]
    answer = miit_gateway().registry_lookup(
        certificate_type=entity.certificate_type,
        certificate_number=entity.certificate_number,
        domains=domains,
    )
    open_here = open_filing_exists_here(filing)

    def detect() -> Detection:
        return detect_filing_type(
            answer=answer,
            domains=domains,
            provider_code=settings.PROVIDER_CODE,
            region=filing.region,
            open_filing_here=open_here,
        )

    try:
        detection = detect()
    except ApplicationError as refusal:
        return _refusal_findings(refusal, detect)
    if filing.filing_type and detection.filing_type != filing.filing_type:
        with translation.override("en"):  # the labels say the type in English and Chinese
            was, now = str(FilingType(filing.filing_type).label), str(FilingType(detection.filing_type).label)
        return [
            Found(
                code="filing_type_changed",
                field="filing_type",
                severity=BLOCKING,
                message=(
                    f"工信部备案系统现判定的备案类型为“{now}”，与第1步判定的“{was}”不同，请驳回后重新发起 / "
                    f"The MIIT registry now gives the filing type “{now}”, not “{was}” as at step 1."
                ),
                evidence={"group": GROUP, "was": filing.filing_type, "now": str(detection.filing_type)},
            )
        ]
    return []


def _refusal_findings(refusal: ApplicationError, detect) -> list[Found]:
    """The refusal's fields, each with its message in both languages (the detection speaks the active one)."""
    words: dict[str, dict[str, list[str]]] = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            try:
                detect()
            except ApplicationError as again:
                words[language] = again.fields
    return [
        Found(
            code=refusal.code,
            field=field,
            severity=BLOCKING,
            message=" / ".join(
                dict.fromkeys(
                    words.get(language, {}).get(field, messages)[0] for language in ("zh-hans", "en")
                )
            ),
            evidence={"group": GROUP},
        )
        for field, messages in refusal.fields.items()
    ]
