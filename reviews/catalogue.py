"""Loading the rejection-reason catalogue from ``reviews/data/rejection-reasons.csv``."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

REASONS_CSV = Path(__file__).resolve().parent / "data" / "rejection-reasons.csv"


def load_rejection_reasons(reason_model: Any) -> None:
    """Create or update every reason (``reason_model`` may be a migration's historical model)."""
    with REASONS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            reason_model.objects.update_or_create(
                code=row["code"],
                defaults={
                    "group": row["group"],
                    "applies_to": row["applies_to"],
                    "text_zh": row["zh"],
                    "text_en": row["en"],
                },
            )
