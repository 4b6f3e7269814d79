from __future__ import annotations

import pytest

from filings.models import Filing
from filings.tasks import filing_miit_outcome_task

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-callback-token"


@pytest.fixture
def dispatched(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(filing_miit_outcome_task, "delay_on_commit", calls.append)
    return calls


def _post(client, body, token=TOKEN):
    return client.post(
        "/miit/callback", body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_a_callback_with_the_token_dispatches_the_outcome_job(client, settings, build, dispatched):
    settings.MIIT_CALLBACK_TOKEN = TOKEN
    filing = build.start()
    Filing.objects.filter(pk=filing.pk).update(miit_reference="MIIT-ABC")
    response = _post(client, {"reference": "MIIT-ABC"})
    assert response.status_code == 202
    assert dispatched == [filing.pk]


def test_a_wrong_or_missing_token_is_not_found(client, settings, dispatched):
    settings.MIIT_CALLBACK_TOKEN = TOKEN
    assert _post(client, {"reference": "MIIT-ABC"}, token="wrong").status_code == 404
    settings.MIIT_CALLBACK_TOKEN = ""  # callbacks disabled unless a token is configured
    assert _post(client, {"reference": "MIIT-ABC"}, token="").status_code == 404
    assert dispatched == []


def test_bad_bodies_are_400_and_other_methods_405(client, settings, dispatched):
    settings.MIIT_CALLBACK_TOKEN = TOKEN
    for body in ({}, {"reference": 7}, "not json", []):
        response = _post(client, body)
        assert response.status_code == 400, body
        assert "reference" in response.json()["error"]["fields"]
    assert client.get("/miit/callback").status_code == 405
    assert dispatched == []


def test_an_unknown_reference_is_accepted_and_ignored(client, settings, dispatched):
    settings.MIIT_CALLBACK_TOKEN = TOKEN
    assert _post(client, {"reference": "MIIT-UNKNOWN"}).status_code == 202
    assert dispatched == []
