"""``manage.py check --deploy`` with production values: nothing left to warn about but the MIIT simulator."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[2]


def _check_deploy(tmp_path: Path, **overrides: str) -> str:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "VAR_DIR": str(tmp_path / "var"),
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "production-like-secret-key-of-sufficient-length-and-variety-7Hq2",
        "ALLOWED_HOSTS": "icp.example.com",
        "SITE_URL": "https://icp.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "IDENTITY_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "IDENTITY_HASH_KEY": "production-hash-key",
        "SECURE_COOKIES": "true",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "BEHIND_TLS_PROXY": "true",
        **overrides,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout + result.stderr


def _issue_ids(output: str) -> set[str]:
    return set(re.findall(r"\(([a-z_]+\.[A-Z]\d{3})\)", output))


def test_production_profile_warns_only_about_the_simulator(tmp_path):
    output = _check_deploy(tmp_path)
    assert _issue_ids(output) == {"icp.W011"}, output


def test_production_profile_without_tls_settings_is_warned(tmp_path):
    output = _check_deploy(
        tmp_path, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="false"
    )
    assert {"security.W004", "security.W008", "security.W012", "security.W016"} <= _issue_ids(output), output


def test_redirect_to_https_with_an_http_site_url_is_a_mistake(tmp_path):
    output = _check_deploy(tmp_path, SITE_URL="http://icp.example.com")
    assert "icp.W012" in _issue_ids(output), output
