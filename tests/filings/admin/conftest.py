"""The operator's admin of filings: filings in the states the interventions need, and the operator's client."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from filings.models import Filing
from filings.states import FilingState
from reviews import services as review_services
from tests.browser.conftest import (  # noqa: F401  (the browser tests' fixtures, for test_admin_browser.py)
    base_url,
    browser_context_args,
    browser_type_launch_args,
    english_page,
    page,
)


@pytest.fixture
def operator_client(client, olga):
    """Olga reads the admin in English: the tests read its messages (zh-hans is the default)."""
    client.force_login(olga)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def in_review(build):
    return build.to(build.start(), FilingState.PROVIDER_REVIEW)


@pytest.fixture
def held(in_review, sam):
    return review_services.review_claim(filing=in_review, by=sam)


@pytest.fixture
def overdue(held):
    Filing.objects.filter(pk=held.pk).update(review_due_on=timezone.localdate() - dt.timedelta(days=1))
    held.refresh_from_db()
    return held
