"""The authenticity verification form (网站备案信息真实性核验单), pre-filled for one website of a filing.

The applicant downloads it, the person in charge signs it (an organisation also stamps it), and it comes back
as the ``verification_form`` material. Numbers are masked: the form travels by e-mail and on paper, and the
provider's verifier compares it with the certificates themselves. The Chinese text uses ReportLab's built-in
CID font ``STSong-Light`` (Adobe's Song, resolved by the PDF reader), so no font file ships with the portal.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from django.conf import settings
from django.utils import timezone
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from common.identity import mask_mobile
from entities.models import Person, Website

# The filing is read through its relations (entity, filing_websites): this app sits below filings.
Filing = Any

FONT = "STSong-Light"
MARGIN = 48
LABEL_WIDTH = 170
ROW_PADDING = 5
SHADE = Color(0.92, 0.92, 0.92)
DECLARATION = (
    "本单位（本人）承诺：所填报的备案信息及提交的材料真实、准确、完整，网站负责人已本人完成人脸核验；如有虚假，"
    "愿承担由此产生的一切法律责任。 / I (we) declare that the filing information and materials are true, accurate "
    "and complete and that the website's person in charge passed face verification in person; I (we) bear "
    "full legal responsibility for any false statement."
)


@cache
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def verification_form_pdf(filing: Filing, website: Website) -> bytes:
    """One A4 page: entity, website, person in charge, provider, filing code and date, signature lines."""
    item = (
        filing.filing_websites.select_related("service_number", "website__domain", "website__head")
        .filter(website=website)
        .first()
    )
    if item is None:
        raise ValueError("the website is not part of this filing")
    entity = filing.entity
    website = item.website
    domain = website.domain
    domain_text = domain.name if domain.name == domain.ascii_name else f"{domain.name}（{domain.ascii_name}）"
    sections = [
        (
            "主办单位信息 / Entity",
            [
                ("主办单位名称 / Name", entity.name),
                ("主办单位性质 / Nature", entity.get_nature_display()),
                ("证件类型 / Certificate type", entity.get_certificate_type_display()),
                ("证件号码 / Certificate number", entity.certificate_number_masked),
                ("证件住所 / Certificate address", entity.certificate_address),
                ("通信地址 / Mailing address", entity.mailing_address),
            ],
        ),
        (
            "网站信息 / Website",
            [
                ("网站名称 / Website name", website.name),
                ("网站域名 / Domain", domain_text),
                ("网站首页地址 / Homepage", website.homepage_url),
                ("服务编号 / Service number", item.service_number.code if item.service_number else ""),
            ],
        ),
        ("网站负责人 / Website person in charge", _person_rows(website.head)),
        (
            "接入服务单位 / Access provider",
            [
                ("接入服务单位 / Provider", settings.PROVIDER_NAME),
                ("备案订单号 / Filing", str(filing.code)),
                ("生成日期 / Date", timezone.localdate().isoformat()),
            ],
        ),
    ]

    buffer = io.BytesIO()
    # ``invariant``: no creation time or random document id, so the same data gives the same bytes.
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("网站备案信息真实性核验单 Authenticity Verification Form")
    canvas.setAuthor(settings.PROVIDER_NAME)
    font = _font()
    width, height = A4
    y = height - MARGIN
    canvas.setFont(font, 16)
    canvas.drawCentredString(width / 2, y - 16, "网站备案信息真实性核验单")
    canvas.setFont(font, 10)
    canvas.drawCentredString(
        width / 2, y - 32, "Authenticity Verification Form for Website Filing Information"
    )
    y -= 52
    for title, rows in sections:
        y = _section(canvas, title, rows, y, width)
    y -= 8
    canvas.setFont(font, 9)
    for line in simpleSplit(DECLARATION, font, 9, width - 2 * MARGIN):
        canvas.drawString(MARGIN, y, line)
        y -= 13
    y -= 18
    signatures = [
        "网站负责人签字 / Signature of the website's person in charge",
        "主办单位负责人签字（单位盖章） / Entity's person in charge (and seal)",
        f"接入服务单位核验人 / Verified by {settings.PROVIDER_NAME}",
    ]
    canvas.setFont(font, 10)
    for label in signatures:
        canvas.drawString(MARGIN, y, label)
        canvas.line(MARGIN + 300, y - 2, width - MARGIN - 110, y - 2)
        canvas.drawString(width - MARGIN - 100, y, "日期 Date:")
        canvas.line(width - MARGIN - 50, y - 2, width - MARGIN, y - 2)
        y -= 30
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _person_rows(person: Person | None) -> list[tuple[str, str]]:
    if person is None:
        return [("姓名 / Name", "")]
    return [
        ("姓名 / Name", person.name),
        ("证件类型 / Certificate type", person.get_certificate_type_display()),
        ("证件号码 / Certificate number", person.certificate_number_masked),
        ("手机号码 / Mobile", mask_mobile(person.mobile)),
        ("电子邮箱 / Email", person.email),
    ]


def _section(canvas: Canvas, title: str, rows: list[tuple[str, str]], y: float, page_width: float) -> float:
    """A shaded title bar and a two-column table; long values wrap. Returns the next free height."""
    font = _font()
    right = page_width - MARGIN
    value_width = right - MARGIN - LABEL_WIDTH - 2 * ROW_PADDING
    canvas.setFillColor(SHADE)
    canvas.rect(MARGIN, y - 18, right - MARGIN, 18, stroke=1, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(font, 11)
    canvas.drawString(MARGIN + ROW_PADDING, y - 13, title)
    y -= 18
    for label, value in rows:
        lines = simpleSplit(str(value or ""), font, 10, value_width) or [""]
        row_height = 14 * len(lines) + 2 * ROW_PADDING
        canvas.rect(MARGIN, y - row_height, LABEL_WIDTH, row_height)
        canvas.rect(MARGIN + LABEL_WIDTH, y - row_height, right - MARGIN - LABEL_WIDTH, row_height)
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN + ROW_PADDING, y - ROW_PADDING - 10, label)
        canvas.setFont(font, 10)
        for index, line in enumerate(lines):
            canvas.drawString(MARGIN + LABEL_WIDTH + ROW_PADDING, y - ROW_PADDING - 10 - 14 * index, line)
        y -= row_height
    return y - 10
