from __future__ import annotations

from django.db import migrations


def load(apps, schema_editor):
    from entities.regions import load_regions, load_word_lists

    load_regions(apps.get_model("entities", "Region"))
    load_word_lists(apps.get_model("entities", "ApprovedTld"), apps.get_model("entities", "SensitiveWord"))


class Migration(migrations.Migration):
    dependencies = [("entities", "0003_regional_rules_and_word_lists")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
