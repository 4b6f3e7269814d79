from __future__ import annotations

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "rejection-reasons.csv"


def load_reasons(apps, schema_editor):
    RejectionReason = apps.get_model("reviews", "RejectionReason")
    with CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            RejectionReason.objects.update_or_create(
                code=row["code"],
                defaults={
                    "group": row["group"],
                    "applies_to": row["applies_to"],
                    "text_zh": row["zh"],
                    "text_en": row["en"],
                },
            )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]
    operations = [migrations.RunPython(load_reasons, migrations.RunPython.noop)]
