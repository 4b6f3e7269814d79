"""Numbers stored in another spelling before compaction (issue 9, items 4 and 5) are stored compact again."""

from __future__ import annotations

import hashlib
import hmac
import importlib

import pytest
from django.apps import apps

from common.identity import _hash_key, encrypt_identity, identity_hash
from entities.models import Entity, Person

pytestmark = pytest.mark.django_db
migration = importlib.import_module("entities.migrations.0005_renormalise_certificate_numbers")


def _as_stored_before(holder, spelling: str) -> None:
    """What the portal stored before: the number as typed, and the hash of that spelling."""
    old_hash = hmac.new(_hash_key(), f":{spelling}".encode(), hashlib.sha256).hexdigest()
    type(holder).objects.filter(pk=holder.pk).update(
        certificate_number_encrypted=encrypt_identity(spelling),
        certificate_number_hash=old_hash,
        certificate_number_masked=spelling[:4] + "****",
    )


def test_hyphenated_and_foreign_digit_numbers_are_stored_compact_with_their_hash(build):
    filing = build.to(build.start(nature="enterprise"), "information")
    entity = filing.entity
    compact = entity.certificate_number
    _as_stored_before(entity, f"{compact[:4]}-{compact[4:8]}-{compact[8:]}")
    person = Person.objects.create(
        entity=entity, name="李四", mobile="13800138000", certificate_type="resident_id"
    )
    arabic_indic = "".join("٠١٢٣٤٥٦٧٨٩"[int(c)] if c.isdigit() else c for c in "110101199003071234")
    _as_stored_before(person, arabic_indic)
    assert not Entity.objects.filter(certificate_number_hash=identity_hash(compact)).exists()

    migration.renormalise(apps, None)

    entity.refresh_from_db()
    person.refresh_from_db()
    assert (entity.certificate_number, entity.certificate_number_hash) == (compact, identity_hash(compact))
    assert entity.certificate_number_masked == f"{compact[:4]}{'*' * (len(compact) - 8)}{compact[-4:]}"
    assert person.certificate_number == "110101199003071234"
    assert person.certificate_number_hash == identity_hash("110101199003071234")


def test_numbers_already_compact_are_left_as_they_are(build):
    entity = build.start().entity
    before = Entity.objects.values_list("certificate_number_encrypted", flat=True).get(pk=entity.pk)
    migration.renormalise(apps, None)
    assert Entity.objects.values_list("certificate_number_encrypted", flat=True).get(pk=entity.pk) == before
