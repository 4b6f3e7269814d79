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


DATA_DIR = REGIONS_CSV.parent


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def regional_extras() -> dict[str, dict[str, str]]:
    """Region code → the rules kept beside regions.csv (name forms, extra pre-approvals, excluded TLDs)."""
    extras: dict[str, dict[str, list[str]]] = {}
    for row in _csv("individual-name-forms.csv"):
        extras.setdefault(row["region_code"], {}).setdefault("individual_name_forms", []).append(
            row["pattern"]
        )
    for row in _csv("pre-approval-regions.csv"):
        extras.setdefault(row["region_code"], {}).setdefault("extra_pre_approval_categories", []).append(
            row["category"]
        )
    for row in _csv("nature-tld-exclusions.csv"):
        if row["nature"] == "individual":
            extras.setdefault(row["region_code"], {}).setdefault("individual_excluded_tlds", []).append(
                row["tld"]
            )
    separators = {"individual_name_forms": "\n"}
    return {
        code: {field: separators.get(field, " ").join(values) for field, values in fields.items()}
        for code, fields in extras.items()
    }


def load_regions(region_model: Any, *, with_extras: bool = True) -> None:
    """Create or update every Region from the data files (``region_model`` may be a historical model)."""
    extras = regional_extras() if with_extras else {}
    for row in region_rows():
        region_model.objects.update_or_create(
            code=row["code"], defaults={**row, **extras.get(row["code"], {})}
        )


def approved_tlds_from_file() -> list[str]:
    lines = (DATA_DIR / "approved-tlds.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip().lstrip(".") for line in lines if line.strip() and not line.startswith("#")]


def sensitive_words_from_file() -> list[str]:
    lines = (DATA_DIR / "sensitive-words.txt").read_text(encoding="utf-8").splitlines()
    return [word for line in lines if not line.startswith("#") for word in line.split()]


def load_word_lists(tld_model: Any, word_model: Any) -> None:
    for name in approved_tlds_from_file():
        tld_model.objects.get_or_create(name=name)
    for word in sensitive_words_from_file():
        word_model.objects.get_or_create(word=word)
