"""Personas, builders and a real Celery worker for the whole suite.

Personas (after healthchecks): ``alice`` owns the filing, ``bob`` is another applicant, ``sam`` and ``tina``
are review specialists, ``olga`` is an operator; anonymous is the test client with no login.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.utils import timezone

from icp_portal.celery import app as celery_app
from tests.builders import FilingBuilder


def pytest_configure(config: pytest.Config) -> None:
    # No broker server in the zero-setup test command: the worker thread shares an in-memory broker.
    # CI sets REDIS_URL and the same tests run against Redis.
    if not os.environ.get("REDIS_URL") and not os.environ.get("CELERY_BROKER_URL"):
        celery_app.conf.broker_url = "memory://"
        celery_app.conf.broker_transport_options = {}
    # The simulated MIIT decides at once in tests unless a test says otherwise.
    os.environ.setdefault("SIMULATOR_MIIT_REVIEW_DELAY_SECONDS", "0")


@pytest.fixture(scope="session")
def _private_storage_root(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def _test_settings(settings, _private_storage_root) -> None:
    settings.SIMULATOR_MIIT_REVIEW_DELAY_SECONDS = 0  # the simulated MIIT decides at once
    # Uploads made by the builders go to a temporary directory, never to var/private.
    settings.PRIVATE_STORAGE_ROOT = _private_storage_root
    # Password hashing is deliberately slow; the personas need none of that strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The rate limits count in the cache, Redis in CI: a prefix of its own per test starts each with none
    # used, without flushing a Redis database that the broker (and other test runs) share.
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Regions and reasons come from data migrations; a transactional test's flush removes them: reload."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    from entities.models import ApprovedTld, Region, SensitiveWord
    from entities.regions import load_regions, load_word_lists
    from reviews.catalogue import load_rejection_reasons
    from reviews.models import RejectionReason

    if not Region.objects.exists():
        load_regions(Region)
        load_word_lists(ApprovedTld, SensitiveWord)
        load_rejection_reasons(RejectionReason)


def _user(django_user_model, username: str, role: str, **extra):
    return django_user_model.objects.create_user(
        username=username, password="correct horse battery staple", role=role, **extra
    )


@pytest.fixture
def alice(django_user_model):
    return _user(django_user_model, "alice", "applicant", email="alice@example.com")


@pytest.fixture
def bob(django_user_model):
    return _user(django_user_model, "bob", "applicant", email="bob@example.com")


@pytest.fixture
def sam(django_user_model):
    return _user(django_user_model, "sam", "specialist")


@pytest.fixture
def tina(django_user_model):
    return _user(django_user_model, "tina", "specialist")


@pytest.fixture
def olga(django_user_model):
    return _user(django_user_model, "olga", "operator", is_staff=True, is_superuser=True)


@pytest.fixture
def build(alice) -> FilingBuilder:
    """Builds filings for ``alice`` (or another applicant) up to any state through the services."""
    return FilingBuilder(default_applicant=alice)


# --- A real Celery worker -------------------------------------------------------------------------------
@pytest.fixture
def celery_worker(transactional_db) -> Iterator[object]:
    """A real worker (solo pool, in a thread) consuming the project's queues: not eager mode.

    One per test that asks for it, stopped (after its current task) before the database is flushed: a worker
    left running would take other tests' jobs and hold locks the flush waits for. Messages left in the
    broker by tests that ran no worker are purged first; they name rows that no longer exist.
    """
    celery_app.control.purge()
    with real_worker() as worker:
        yield worker


def real_worker():
    """A worker thread (solo pool) on the app's current broker, stopped after its current task on exit."""
    from celery.contrib.testing.worker import start_worker

    return start_worker(
        celery_app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
    )


def wait_until(predicate: Callable[[], bool], *, timeout: float = 30.0, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


@pytest.fixture
def now():
    return timezone.now()
