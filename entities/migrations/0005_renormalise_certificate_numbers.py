# Certificate numbers stored before every number was compacted and its digits folded to ASCII (issue 9, items
# 4 and 5) kept the spelling they were typed in (9111-0000-MA0000001L, Arabic-Indic digits) and a hash of that
# spelling, which look-ups by the compact form no longer find. Store each in its compact form again, with its
# hash and masked copy. Rows that the old spellings made into two entities for one certificate stay two rows
# (merging them is an operator's decision); both now carry the one hash, so the checks see the certificate.

from django.db import migrations

from common.identity import (
    decrypt_identity,
    encrypt_identity,
    identity_hash,
    mask_identity,
    normalise_certificate_number,
)

BATCH = 500


def renormalise(apps, schema_editor):
    for model_name in ("Entity", "Person"):
        model = apps.get_model("entities", model_name)
        rows = model.objects.only(
            "pk", "certificate_number_encrypted", "certificate_number_hash", "certificate_number_masked"
        )
        changed = []
        for row in rows.iterator(chunk_size=BATCH):
            stored = decrypt_identity(row.certificate_number_encrypted)
            number = normalise_certificate_number(stored)
            if number == stored and row.certificate_number_hash == identity_hash(number):
                continue
            row.certificate_number_encrypted = encrypt_identity(number)
            row.certificate_number_hash = identity_hash(number)
            row.certificate_number_masked = mask_identity(number)
            changed.append(row)
            if len(changed) >= BATCH:
                model.objects.bulk_update(changed, _FIELDS)
                changed = []
        if changed:
            model.objects.bulk_update(changed, _FIELDS)


_FIELDS = ["certificate_number_encrypted", "certificate_number_hash", "certificate_number_masked"]


class Migration(migrations.Migration):

    dependencies = [
        ("entities", "0004_load_regional_rules_and_word_lists"),
    ]

    operations = [
        migrations.RunPython(renormalise, migrations.RunPython.noop, elidable=True),
    ]
