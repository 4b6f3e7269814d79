"""The materials models moved from the filings app without touching a row: a database migrated to the schema
before the move, holding materials, migrates forward and keeps them (state-only migrations, same tables)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from materials.models import FaceVerification, Material

BEFORE_THE_MOVE = [("filings", "0004_filing_advisories"), ("materials", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_materials_rows_written_before_the_move_are_read_after_it(build, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    filing = build.to(build.start(), "self_check")
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = _migrate(BEFORE_THE_MOVE)
        with pytest.raises(LookupError):  # before the move, the materials app has no models
            old_apps.get_model("materials", "Material")
        OldMaterial = old_apps.get_model("filings", "Material")
        OldFaceVerification = old_apps.get_model("filings", "FaceVerification")
        assert OldMaterial._meta.db_table == "filings_material"
        written = OldMaterial.objects.create(
            filing_id=filing.pk, kind="auxiliary", status="accepted", original_name="before-the-move.pdf"
        )
        before = {
            "materials": set(OldMaterial.objects.values_list("pk", "kind", "status")),
            "face": set(OldFaceVerification.objects.values_list("pk", "status", "gateway_reference")),
        }
        assert written.pk in {pk for pk, *_ in before["materials"]} and before["face"]
    finally:
        _migrate(latest)
    assert set(Material.objects.values_list("pk", "kind", "status")) == before["materials"]
    assert set(FaceVerification.objects.values_list("pk", "status", "gateway_reference")) == before["face"]
    moved = Material.objects.get(pk=written.pk)
    assert (moved.filing_id, moved.original_name) == (filing.pk, "before-the-move.pdf")
    # The models belong to the materials app now, on the tables they always had.
    assert (Material._meta.app_label, Material._meta.db_table) == ("materials", "filings_material")
