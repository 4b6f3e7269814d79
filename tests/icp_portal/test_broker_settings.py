"""The zero-setup broker (kombu's filesystem transport) keeps every piece of its state under VAR_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from icp_portal import settings as settings_module

FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


def test_filesystem_broker_folders_are_all_under_the_broker_dir(tmp_path):
    options = settings_module.broker_transport_options("filesystem://", tmp_path / "broker")
    for folder in FOLDERS:
        assert Path(options[folder]).is_relative_to(tmp_path / "broker"), folder
        assert Path(options[folder]).is_dir(), folder  # kombu does not create parents


def test_redis_broker_has_no_folders(tmp_path):
    options = settings_module.broker_transport_options("redis://127.0.0.1:6379/0", tmp_path / "broker")
    assert not set(FOLDERS) & set(options)
    assert options["visibility_timeout"] >= 3600
    assert not (tmp_path / "broker").exists()


def test_configured_filesystem_broker_writes_under_var_dir():
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("the broker is not the filesystem one (REDIS_URL or CELERY_BROKER_URL set)")
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for folder in FOLDERS:
        assert Path(options[folder]).is_relative_to(settings.VAR_DIR), folder
