"""The cache holds the API's rate limits: with Redis configured, every process counts against one budget."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import ScopedRateThrottle

from icp_portal import settings as settings_module

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set")


def test_cache_is_redis_when_redis_url_is_set():
    caches_setting = settings_module.cache_settings("redis://cache.example:6379/3")
    assert caches_setting["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches_setting["default"]["LOCATION"] == "redis://cache.example:6379/3"
    assert caches_setting["default"]["KEY_PREFIX"]  # beside the Celery broker's keys in the same database


def test_cache_is_local_memory_without_redis_url():
    caches_setting = settings_module.cache_settings("")
    assert caches_setting["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_configured_cache_follows_redis_url():
    backend = type(caches.create_connection("default"))
    assert backend is (RedisCache if REDIS_URL else LocMemCache)


class _TwoPerMinuteThrottle(ScopedRateThrottle):
    THROTTLE_RATES = {"auth": "2/minute"}


def _throttle_through(cache) -> ScopedRateThrottle:
    throttle = _TwoPerMinuteThrottle()
    throttle.cache = cache
    return throttle


def _request() -> Request:
    request = Request(APIRequestFactory().get("/", REMOTE_ADDR="203.0.113.9"))
    request.user = AnonymousUser()
    return request


@needs_redis
def test_two_cache_clients_share_one_throttle_budget():
    # Two backend instances built from the same settings stand for two gunicorn workers (or replicas); the
    # per-test KEY_PREFIX of tests/conftest.py keeps this test's counts its own.
    worker_a, worker_b = caches.create_connection("default"), caches.create_connection("default")
    assert isinstance(worker_a, RedisCache) and worker_a is not worker_b
    view = SimpleNamespace(throttle_scope="auth")
    try:
        assert _throttle_through(worker_a).allow_request(_request(), view)
        assert _throttle_through(worker_b).allow_request(_request(), view)
        assert not _throttle_through(worker_a).allow_request(_request(), view)
        assert not _throttle_through(worker_b).allow_request(_request(), view)
    finally:
        worker_a.delete("throttle_auth_203.0.113.9")
        worker_a.close()
        worker_b.close()


def test_every_test_counts_in_its_own_cache_namespace(settings):
    # Rate-limit counts of one test must not throttle the next, nor another test run sharing the Redis.
    assert settings.CACHES["default"]["KEY_PREFIX"].startswith("test-")
