from __future__ import annotations

from django.db import migrations


def load_regions(apps, schema_editor):
    from entities.regions import load_regions

    load_regions(apps.get_model("entities", "Region"), with_extras=False)


class Migration(migrations.Migration):
    dependencies = [("entities", "0001_initial")]
    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
