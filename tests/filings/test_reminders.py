"""The periodic reminders (issue 13, acceptance 3), each run with time travel: idle filings at 7, 15 and 30
days and withdrawn by the system at 45; the PSB duty at 7, 20 and 28 days until the numbers are recorded; the
SMS codes' 4-hour reminder. Each job runs twice at each moment: the second run writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from filings import services
from filings.models import Filing
from filings.reminders import idle_filing_sweep, psb_reminders, sms_expiring_reminders
from filings.tasks import idle_filing_sweep_task, psb_reminder_task, sms_expiring_reminder_task
from icp_portal.celery import app
from notifications.models import Notification
from simulators.miit import latest_code_sent_to, review_submission
from simulators.models import MiitSubmission

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


def _at(days: float = 0, hours: float = 0):
    return time_machine.travel(T0 + dt.timedelta(days=days, hours=hours), tick=False)


def _inbox(filing, kind):
    rows = Notification.objects.filter(filing=filing, kind=kind, channel="inbox").order_by("created_at", "id")
    return list(rows)


def _twice(job):
    job()
    job()


def test_the_schedules_are_in_the_celery_app():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "filings.tasks.sms_expiring_reminder_task",
        "filings.tasks.idle_filing_sweep_task",
        "filings.tasks.psb_reminder_task",
    } <= tasks


# --- Idle filings -----------------------------------------------------------------------------------------
def test_idle_reminders_at_7_15_30_days_once_each_then_withdrawn_by_the_system_at_45(build, alice):
    with _at():
        filing = build.start(domains=["idle-one.cn"])
    for day, expected in [(6, []), (7, [7]), (8, [7]), (14, [7]), (15, [7, 15]), (29, [7, 15])]:
        with _at(day):
            _twice(idle_filing_sweep)
        assert [n.context["days"] for n in _inbox(filing, "idle_reminder")] == expected, day
    with _at(30):
        _twice(idle_filing_sweep_task)
    reminders = _inbox(filing, "idle_reminder")
    assert [n.context["days"] for n in reminders] == [7, 15, 30]
    assert all(n.recipient == alice for n in reminders)
    assert reminders[-1].context["withdraw_on"] == "2026-04-16"
    assert Notification.objects.filter(filing=filing, kind="idle_reminder", channel="email").count() == 3
    with _at(44, 23):
        _twice(idle_filing_sweep)
    filing.refresh_from_db()
    assert filing.state == "type_detection"
    with _at(45):
        _twice(idle_filing_sweep)
    filing.refresh_from_db()
    assert filing.state == "withdrawn"
    event = filing.events.get(transition="withdraw")
    assert event.actor is None and event.actor_role == "system"
    assert event.payload == {"cause": "idle_45_days"}
    [notice] = _inbox(filing, "filing_withdrawn")
    assert notice.context["idle_days"] == 45


def test_a_touched_filing_starts_a_new_idle_spell(build):
    with _at():
        filing = build.start(domains=["idle-two.cn"])
    with _at(7):
        idle_filing_sweep()
    with _at(10):  # the applicant moves on: a transition touches the filing
        services.filing_detect_type(filing=filing, by=filing.applicant)
    with _at(16):
        idle_filing_sweep()
    assert [n.context["days"] for n in _inbox(filing, "idle_reminder")] == [7]
    with _at(17):
        idle_filing_sweep()
    assert [n.context["days"] for n in _inbox(filing, "idle_reminder")] == [7, 7]
    with _at(54):
        idle_filing_sweep()
    filing.refresh_from_db()
    assert filing.state == "instance_verification"  # 44 days since the touch
    with _at(55):
        idle_filing_sweep()
    filing.refresh_from_db()
    assert filing.state == "withdrawn"


def test_filings_past_the_applicant_steps_are_not_idle(build):
    with _at():
        filing = build.to(build.start(domains=["idle-three.cn"]), "provider_review")
    with _at(60):
        idle_filing_sweep()
    filing.refresh_from_db()
    assert filing.state == "provider_review"
    assert not _inbox(filing, "idle_reminder")


def test_the_applicant_may_still_withdraw_and_others_may_not(build, bob):
    from common.errors import NotPermitted

    filing = build.start(domains=["idle-four.cn"])
    with pytest.raises(NotPermitted):
        services.filing_withdraw(filing=filing, by=bob)
    services.filing_withdraw(filing=filing, by=filing.applicant, reason="changed my mind")
    filing.refresh_from_db()
    assert filing.state == "withdrawn"
    assert filing.events.get(transition="withdraw").payload == {"note": "changed my mind"}
    assert "idle_days" not in _inbox(filing, "filing_withdrawn")[0].context


# --- The PSB duty -----------------------------------------------------------------------------------------
def approve(build, filing) -> Filing:
    """Provider approval, MIIT's hand-over, decision and outcome, each job's body run here (Beijing)."""
    filing = build.to(filing, "miit_submission")
    filing = services.filing_hand_to_miit(filing_id=filing.pk)
    review_submission(MiitSubmission.objects.get(reference=filing.miit_reference).pk)
    filing = services.filing_record_miit_outcome(filing_id=filing.pk)
    assert filing.state == "approved"
    return filing


def test_psb_reminders_at_7_20_28_days_then_none_after_the_numbers_are_recorded(build, alice):
    with _at():
        late = approve(build, build.start(domains=["psb-late.cn"]))
        prompt = approve(build, build.start(domains=["psb-prompt.cn"]))
    for day, expected in [(6, []), (7, [7]), (8, [7]), (19, [7]), (20, [7, 20]), (27, [7, 20])]:
        with _at(day):
            _twice(psb_reminders)
        assert [n.context["days"] for n in _inbox(late, "psb_reminder")] == expected, day
        if day == 8:
            services.filing_record_psb_numbers(
                filing=prompt, by=alice, numbers=["京公网安备11010102000001号"]
            )
    with _at(28):
        _twice(psb_reminder_task)
    reminders = _inbox(late, "psb_reminder")
    assert [n.context["days"] for n in reminders] == [7, 20, 28]
    assert reminders[0].context["missing"] == ["psb-late.cn"]
    assert reminders[0].context["psb_deadline"] == "2026-04-01"
    with _at(60):
        psb_reminders()
    assert [n.context["days"] for n in _inbox(prompt, "psb_reminder")] == [7]  # none after day 8
    assert len(_inbox(late, "psb_reminder")) == 3


# --- The SMS codes' 4-hour reminder -------------------------------------------------------------------------
def test_the_sms_reminder_is_sent_once_four_hours_before_the_codes_expire(build, sam, alice):
    alice.mobile = "13800138000"
    alice.save(update_fields=["mobile"])
    with _at():
        filing = build.with_two_sms_codes(region="CN-ZJ", domain="sms-reminder.com", specialist=sam)
        first, second = filing.sms_verifications.order_by("id").values_list("mobile", flat=True)
        person = {p.mobile: p for p in filing.entity.people.all()}[first]
        services.filing_verify_sms_code(
            filing=filing,
            by=alice,
            mobile=first,
            code=latest_code_sent_to(first),
            certificate_tail=person.certificate_number[-6:],
        )
    with _at(hours=19, days=0):
        _twice(sms_expiring_reminders)
    assert not Notification.objects.filter(kind="sms_expiring").exists()
    with _at(hours=20, days=0):
        _twice(sms_expiring_reminder_task)
    with _at(hours=22):
        _twice(sms_expiring_reminders)
    rows = Notification.objects.filter(filing=filing, kind="sms_expiring")
    assert sorted(rows.values_list("channel", flat=True).filter(recipient=alice)) == ["email", "inbox", "sms"]
    texted = set(rows.filter(channel="sms").values_list("mobile", flat=True))
    assert texted == {alice.mobile, second}  # the applicant and the person still to verify, once each
    assert rows.filter(channel="sms").count() == 2
    assert rows.get(channel="inbox").context["hours_left"] == 4


def test_saving_a_steps_data_counts_as_work_not_only_transitions(build):
    with _at():
        filing = build.to(build.start(domains=["idle-three.cn"]), "information")
    info = build.information(filing)
    with _at(40):  # the applicant saves step 3 (no transition)
        services.filing_save_information(filing=filing, by=filing.applicant, **info)
    with _at(50):
        idle_filing_sweep()
    filing.refresh_from_db()
    assert filing.state == "information"  # 10 days idle, not 50
    assert [n.context["days"] for n in _inbox(filing, "idle_reminder")] == [7]
