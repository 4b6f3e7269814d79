from __future__ import annotations

from django.db import migrations


def load_regions(apps, schema_editor):
    from entities.regions import region_rows

    Region = apps.get_model("entities", "Region")
    for row in region_rows():
        Region.objects.update_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("entities", "0001_initial")]
    operations = [migrations.RunPython(load_regions, migrations.RunPython.noop)]
