"""The operators' flow dashboard (issue 14, acceptance 5): every number it shows equals a count made here on a
data set of known proportions, in zh-hans and en; only operators see it; the page reads one summary row."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from icp_portal.dashboard.models import DashboardSummary
from icp_portal.dashboard.services import dashboard_refresh
from icp_portal.dashboard.tasks import dashboard_refresh_task
from reviews.models import RejectionReason
from tests.dashboard.dataset import build_dataset, expected_figures

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r'data-figure="([^"]+)"(?: data-seconds="([^"]+)")?>([^<]*)<')


def shown_figures(content: str) -> dict[str, str]:
    """``data-figure`` name → the number shown (durations: the seconds behind the words)."""
    return {
        name: seconds or html.unescape(text).replace(",", "")
        for name, seconds, text in FIGURE.findall(content)
    }


@pytest.fixture
def dataset(alice):
    return build_dataset(alice)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_number_shown_equals_an_independent_count(client, olga, dataset, language):
    olga.language = language
    olga.save(update_fields=["language"])
    dashboard_refresh(now=dataset.now)
    client.force_login(olga)

    response = client.get(reverse("admin-dashboard"), headers={"accept-language": language})

    assert response.status_code == 200
    content = response.content.decode()
    shown = shown_figures(content)
    expected = expected_figures(dataset)
    for name, value in expected.items():
        assert name in shown, f"{name} not on the page"
        if name.startswith(("median.", "p90.")):
            assert float(shown[name]) == pytest.approx(value), name
        else:
            assert int(shown[name]) == value, name
    # Nothing shown that the data set does not account for (zero rows aside).
    assert {name for name, value in shown.items() if value not in ("0", "")} <= set(expected)
    words = {"zh-hans": ("服务商初审", "北京", "个人"), "en": ("Provider review", "Beijing", "Individual")}
    for word in words[language]:
        assert word in content
    # MIIT's reasons in the catalogue's words of the reader's language.
    reason = RejectionReason.objects.get(code="domain_conflict")
    assert html.escape(reason.text_en if language == "en" else reason.text_zh) in content


def test_the_figures_the_data_set_was_built_for(dataset):
    """The data set exercises what it claims: the known proportions, met and missed rounds, reasons."""
    figures = dashboard_refresh(now=dataset.now).data
    assert figures["filings"]["total"] == 18
    assert figures["miit"] == {
        "approvals": 6,
        "rejections": 3,
        "by_reason": [
            ["domain_conflict", 2, "域名已被其他主体备案 a.com"],
            ["entity_abnormal", 1, "证件号码经营异常"],
            ["sms_verification_failed", 1, ""],
        ],
    }
    weeks = figures["deadlines"]
    assert sum(week["met"] for week in weeks) == 3
    assert sum(week["missed"] for week in weeks) == 3 + 2  # decided late, and two open past their day
    assert figures["time_in_state"]["type_detection"]["stays"] == 9


def test_the_page_reads_one_row_whatever_the_number_of_filings(
    client, olga, dataset, django_assert_max_num_queries
):
    dashboard_refresh(now=dataset.now)
    client.force_login(olga)
    with django_assert_max_num_queries(8):  # session, user, the summary, the regions' names
        assert client.get(reverse("admin-dashboard")).status_code == 200


def test_before_the_first_run_the_page_says_so_and_offers_the_button(client, olga):
    client.force_login(olga)
    response = client.get(reverse("admin-dashboard"), headers={"accept-language": "en"})
    assert response.status_code == 200
    assert reverse("admin-dashboard-refresh") in response.content.decode()
    assert not DashboardSummary.objects.exists()


def test_refresh_now_sends_the_job_and_says_so(
    client, olga, dataset, django_capture_on_commit_callbacks, monkeypatch
):
    sent: list[tuple] = []
    monkeypatch.setattr(dashboard_refresh_task, "delay", lambda *args: sent.append(args))
    client.force_login(olga)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin-dashboard-refresh"), headers={"accept-language": "en"})
    assert response.status_code == 302 and response["Location"] == reverse("admin-dashboard")
    assert sent == [()]
    page = client.get(reverse("admin-dashboard"), headers={"accept-language": "en"}).content.decode()
    assert "being computed again" in page


def test_the_page_says_when_the_figures_were_computed(client, olga, dataset):
    summary = dashboard_refresh(now=dataset.now)
    client.force_login(olga)
    page = client.get(reverse("admin-dashboard")).content.decode()
    assert timezone.localtime(summary.computed_at).strftime("%Y-%m-%d %H:%M:%S") in page


def test_refresh_is_post_only(client, olga):
    client.force_login(olga)
    assert client.get(reverse("admin-dashboard-refresh")).status_code == 405


def test_the_job_is_idempotent(dataset):
    dashboard_refresh_task()
    first = DashboardSummary.objects.get().data
    dashboard_refresh_task()
    assert DashboardSummary.objects.count() == 1
    assert DashboardSummary.objects.get().data["filings"] == first["filings"]


def test_the_state_machine_picture_is_the_generated_one(client, olga, settings):
    client.force_login(olga)
    response = client.get(reverse("admin-dashboard-state-machine"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert (
        b"".join(response.streaming_content)
        == (settings.BASE_DIR / "docs" / "state-machine.png").read_bytes()
    )


def test_the_admin_index_links_to_the_dashboard(client, olga):
    client.force_login(olga)
    assert reverse("admin-dashboard") in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("persona", ["alice", "sam"])
@pytest.mark.parametrize(
    "name", ["admin-dashboard", "admin-dashboard-refresh", "admin-dashboard-state-machine"]
)
def test_applicants_and_specialists_get_no_dashboard(client, request, persona, name):
    client.force_login(request.getfixturevalue(persona))
    for method in (client.get, client.post):
        response = method(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert not DashboardSummary.objects.exists()


def test_a_staff_flag_without_the_operator_role_is_refused(client, sam):
    sam.is_staff = True
    sam.save(update_fields=["is_staff"])
    client.force_login(sam)
    for response in (client.get(reverse("admin-dashboard")), client.post(reverse("admin-dashboard-refresh"))):
        # The admin site's own gate may already send a non-operator to its login; the page refuses anyway.
        assert response.status_code == 403 or response["Location"].startswith(reverse("admin:login"))
    assert not DashboardSummary.objects.exists()


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin-dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
