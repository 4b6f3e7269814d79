"""Loading the regional rules from ``entities/data/regions.csv`` (the data migration and tests use it)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"


def region_rows() -> list[dict[str, Any]]:
    """The CSV as Region field values."""
    rows = []
    with REGIONS_CSV.open(encoding="utf-8") as handle:
        for raw in csv.DictReader(handle):
            rows.append(
                {
                    "code": raw["code"],
                    "division": raw["division"],
                    "name_zh": raw["name_zh"],
                    "name_en": raw["name_en"],
                    "icp_prefix": raw["icp_prefix"],
                    "icp_prefix_alt": raw["icp_prefix_alt"],
                    "sms_required": raw["sms_required"] == "yes",
                    "individual_residency": raw["individual_residency"],
                    "local_phone_required": raw["local_phone_required"] == "yes",
                    "head_must_be_legal_rep": raw["head_must_be_legal_rep"] == "yes",
                    "domain_min_months": int(raw["domain_min_months"] or 0),
                    "max_domains_per_order": int(raw["max_domains_per_order"])
                    if raw["max_domains_per_order"]
                    else None,
                    "min_age": int(raw["min_age"]) if raw["min_age"] else None,
                    "review_workdays": int(raw["review_workdays"] or 20),
                    "mailing_rule": raw["mailing_rule"],
                    "empty_entity_must_cancel": raw["empty_entity_must_cancel"] == "yes",
                    "individual_name_blacklist": raw["individual_name_blacklist"],
                }
            )
    return rows


def load_regions(region_model: Any) -> None:
    """Create or update every Region from the CSV (``region_model`` may be a migration's historical model)."""
    for row in region_rows():
        region_model.objects.update_or_create(code=row["code"], defaults=row)
