"""What an approved filing's websites show and owe, said once for the result page, the notices and the
reminders: the footer number linking to MIIT's filing site, and the PSB filing due within 30 days."""

from __future__ import annotations

from django.utils.html import escape

MIIT_SITE = "https://beian.miit.gov.cn/"  # where the number in a website's footer must link (MIIT's rule)
PSB_DAYS = 30  # the public-security (PSB) filing is due within 30 days of the approval


def footer_snippet(website_number: str) -> str:
    """The HTML a website's footer shows: its number, linking to MIIT's filing site."""
    return f'<a href="{MIIT_SITE}" target="_blank" rel="noopener">{escape(website_number)}</a>'
