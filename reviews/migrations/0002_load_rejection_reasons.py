from __future__ import annotations

from django.db import migrations


def load_reasons(apps, schema_editor):
    from reviews.catalogue import load_rejection_reasons

    load_rejection_reasons(apps.get_model("reviews", "RejectionReason"))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0001_initial")]
    operations = [migrations.RunPython(load_reasons, migrations.RunPython.noop)]
