"""Rendering a notification from its template files, in the recipient's language, at delivery time.

``templates/notifications/<kind>/``: ``subject.txt`` (one line), ``body.txt`` (the email's text part and the
inbox entry), ``body.html`` (the email's HTML part, extending ``notifications/base_email.html``) and, for SMS,
``sms.txt``. The text files render without HTML escaping; the HTML file with it. An operator may reword a
kind's subject per language in the admin (``SubjectOverride``, ``notifications/subjects.py``). Every template sees the
notification's ``context`` plus ``site_url``, ``provider_name`` and ``notification``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from notifications.models import Channel, Notification
from notifications.subjects import render_subject_override, subject_overrides


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def template_path(kind: str, name: str) -> str:
    return f"notifications/{kind}/{name}"


def _context(notification: Notification) -> dict[str, Any]:
    return {
        **(notification.context or {}),
        "site_url": settings.SITE_URL.rstrip("/"),
        "provider_name": settings.PROVIDER_NAME,
        "notification": notification,
    }


def _render_text(path: str, context: dict[str, Any]) -> str:
    """A plain-text template: no HTML escaping (``&`` stays ``&``)."""
    template = get_template(path)
    return template.template.render(Context(context, autoescape=False))


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def render(notification: Notification) -> Rendered:
    """The notification's subject, text and HTML (SMS: the message as ``text``, no subject or HTML; inbox: the
    subject and text). Raises ``TemplateDoesNotExist`` when a file is missing (a permanent failure)."""
    context = _context(notification)
    kind = notification.kind
    with translation.override(notification.language):
        if notification.channel == Channel.SMS:
            return Rendered(
                subject="", text=_one_line(_render_text(template_path(kind, "sms.txt"), context)), html=""
            )
        # An operator's wording (the admin's notice subjects) wins over the kind's subject.txt for a notice
        # in the outbox; an unsaved one (a preview of the templates, as their catalogue tests render) reads
        # the templates only, without a database.
        override = subject_overrides().get((kind, notification.language)) if notification.pk else None
        subject = _one_line(
            render_subject_override(override, context)
            if override
            else _render_text(template_path(kind, "subject.txt"), context)
        )
        text = _render_text(template_path(kind, "body.txt"), context).strip() + "\n"
        html = ""
        if notification.channel == Channel.EMAIL:
            html = get_template(template_path(kind, "body.html")).render(context)
        return Rendered(subject=subject, text=text, html=html)
