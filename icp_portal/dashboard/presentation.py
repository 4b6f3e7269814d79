"""The summary's codes and numbers as the page shows them: words in the reader's language and bar lengths.

Reads only the summary row and the 31 regions' names; nothing here grows with the number of filings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entities.models import EntityNature, Region
from filings.states import FilingState, FilingType
from notifications.models import Channel
from reviews.models import RejectionReason


def bars(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """(key, label, value) rows with each bar's length as a share of the longest (0–100)."""
    longest = max((value for _key, _label, value in rows), default=0) or 1
    return [
        {"key": key, "label": label, "value": value, "width": round(100 * value / longest, 1)}
        for key, label, value in rows
    ]


def duration_text(seconds: float) -> str:
    """A stay's length in the unit a person reads at a glance: minutes, hours, then days."""
    if seconds < 3600:
        return _("%(count)s min") % {"count": number_format(seconds / 60, 0)}
    if seconds < 48 * 3600:
        return _("%(count)s h") % {"count": number_format(seconds / 3600, 1)}
    return _("%(count)s d") % {"count": number_format(seconds / 86400, 1)}


def _admin_link(name: str, query: str = "") -> str:
    try:
        return reverse(name) + query
    except NoReverseMatch:  # that model's admin is not registered in this configuration
        return ""


def dashboard_context(data: dict[str, Any]) -> dict[str, Any]:
    """The page's sections from ``DashboardSummary.data``."""
    filings = data["filings"]
    states = dict(FilingState.choices)
    types = {**dict(FilingType.choices), "": _("Not detected yet")}
    natures = dict(EntityNature.choices)
    english = (get_language() or "").startswith("en")
    region_names = {
        code: (name_en if english else name_zh)
        for code, name_zh, name_en in Region.objects.values_list("code", "name_zh", "name_en")
    }
    return {
        "window_days": data["window_days"],
        "total": filings["total"],
        "by_state": bars([(code, states.get(code, code), n) for code, n in filings["by_state"]]),
        "by_region": bars([(code, region_names.get(code, code), n) for code, n in filings["by_region"]]),
        "by_type": bars([(code or "none", types.get(code, code), n) for code, n in filings["by_type"]]),
        "by_nature": bars([(code, natures.get(code, code), n) for code, n in filings["by_nature"]]),
        "time_in_state": _time_in_state(data["time_in_state"], states),
        "deadlines": _deadlines(data["deadlines"]),
        "miit": _miit(data["miit"], english=english),
        "jobs": _jobs(data["jobs"]),
    }


def _time_in_state(summary: dict[str, dict[str, float]], states: dict[str, str]) -> list[dict[str, Any]]:
    longest = max((figures["p90"] for figures in summary.values()), default=0) or 1
    return [
        {
            "key": state,
            "label": label,
            "stays": summary[state]["stays"],
            "median": summary[state]["median"],
            "p90": summary[state]["p90"],
            "median_text": duration_text(summary[state]["median"]),
            "p90_text": duration_text(summary[state]["p90"]),
            "median_width": round(100 * summary[state]["median"] / longest, 1),
            "p90_width": round(100 * summary[state]["p90"] / longest, 1),
        }
        for state, label in states.items()
        if state in summary
    ]


def _deadlines(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    busiest = max((week["met"] + week["missed"] for week in weeks), default=0) or 1
    rows = []
    for week in weeks:
        monday = dt.date.fromisoformat(week["week"])
        rows.append(
            {
                "key": week["week"],
                "label": monday.strftime("%m-%d"),
                "met": week["met"],
                "missed": week["missed"],
                "met_width": round(100 * week["met"] / busiest, 1),
                "missed_width": round(100 * week["missed"] / busiest, 1),
            }
        )
    return rows


def _miit(miit: dict[str, Any], *, english: bool) -> dict[str, Any]:
    """Each reason named as the rejection-reason catalogue words it where it has the code (MIIT's own message
    below it), by its code otherwise."""
    codes = [code for code, _n, _message in miit["by_reason"]]
    catalogue = {
        code: (text_en if english else text_zh)
        for code, text_zh, text_en in RejectionReason.objects.filter(code__in=codes).values_list(
            "code", "text_zh", "text_en"
        )
    }
    rows = bars([(code, catalogue.get(code, code), n) for code, n, _message in miit["by_reason"]])
    for row, (_code, _n, message) in zip(rows, miit["by_reason"], strict=True):
        row["message"] = message if message != row["label"] else ""
    return {"approvals": miit["approvals"], "rejections": miit["rejections"], "by_reason": rows}


def _jobs(jobs: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per kind of stuck work, with the admin list where an operator acts on it."""
    channels = dict(Channel.choices)
    materials = _admin_link("admin:materials_material_changelist", "?status__exact=processing")
    notifications = _admin_link("admin:notifications_notification_changelist")
    rows = [
        {"key": "materials_stuck", "label": _("Uploads still processing after 2 minutes"), "link": materials},
        {"key": "materials_given_up", "label": _("… of which the sweep gave up on"), "link": materials},
        {"key": "findings_missing", "label": _("Review rounds without findings"), "link": ""},
    ]
    for row in rows:
        row["value"] = jobs[row["key"]]
    for channel, label in channels.items():
        rows.append(
            {
                "key": f"deliveries_failed.{channel}",
                "label": _("Failed deliveries: %(channel)s") % {"channel": label},
                "value": jobs["deliveries_failed"].get(channel, 0),
                "link": notifications and f"{notifications}?delivery=failed",
            }
        )
    for channel, label in channels.items():
        rows.append(
            {
                "key": f"deliveries_waiting.{channel}",
                "label": _("Deliveries waiting: %(channel)s") % {"channel": label},
                "value": jobs["deliveries_waiting"].get(channel, 0),
                "link": notifications and f"{notifications}?delivery=pending",
            }
        )
    return rows
