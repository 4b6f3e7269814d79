"""Identity numbers at rest: a database dump shows none in clear, yet look-ups by number still work."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.db import connection

from common.identity import identity_hash
from entities.models import Entity, Person
from filings import services
from gateways.miit import miit_gateway
from reviews import services as review_services

pytestmark = pytest.mark.django_db(transaction=True)


def _dump() -> str:
    """The whole database as text: ``pg_dump`` on PostgreSQL, ``iterdump`` on SQLite."""
    if connection.vendor == "postgresql":
        pg_dump = shutil.which("pg_dump")
        assert pg_dump, "pg_dump is needed to test the dump of a PostgreSQL database"
        db = connection.settings_dict
        command = [pg_dump, "--data-only", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
        command += ["-U", db["USER"] or "postgres", db["NAME"]]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return "\n".join(connection.connection.iterdump())


def test_a_dump_reveals_no_identity_number_and_look_ups_still_work(build, sam, settings):
    # MIIT keeps the submission under review (a worker left running by another test must not decide it).
    settings.SIMULATOR_MIIT_REVIEW_DELAY_SECONDS = 3600
    filing = build.to(build.start(nature="enterprise", region="CN-BJ"), "provider_review")
    review_services.review_claim(filing=filing, by=sam)
    review_services.review_approve(filing=filing, by=sam)
    services.filing_hand_to_miit(filing_id=filing.pk)  # MIIT (the simulator) now holds the entity too
    entity = Entity.objects.get(pk=filing.entity_id)
    numbers = {entity.certificate_number} | {p.certificate_number for p in Person.objects.all()}
    assert len(numbers) >= 2 and all(len(n) == 18 for n in numbers)

    dump = _dump()
    assert "filings_filing" in dump or "INSERT" in dump or "COPY" in dump  # it is a real dump
    for number in numbers:
        assert number not in dump
        assert number.lower() not in dump
    assert entity.certificate_number_masked in dump  # masked copies are what lists show

    # Look-ups go through the keyed hash.
    assert (
        Entity.objects.filter(certificate_number_hash=identity_hash(entity.certificate_number)).get()
        == entity
    )
    answer = miit_gateway().registry_lookup(
        certificate_type=entity.certificate_type, certificate_number=entity.certificate_number, domains=[]
    )
    assert answer.open_order  # the submission under MIIT review is found by the number
    assert services.open_filing_exists_here(
        build.start(nature="enterprise", certificate_number=entity.certificate_number)
    )
