"""What a specialist does on the review screen, for browser tests (``tests/browser/test_review_screen.py``
and the issue-12 journey): open it, claim, open a material at full size, reject with reasons tied to paths,
read the diff, approve. Each step waits for the page the server answers with."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def open_review_screen(page: Page, filing) -> None:
    page.goto(f"/review/filings/{filing.code}/")
    expect(page.locator("#decide")).to_be_visible()


def claim(page: Page) -> None:
    """The ``c`` key presses the screen's Claim button (the page must have the focus outside any field)."""
    page.keyboard.press("c")
    expect(page.locator("#reject-form, #approve-form").first).to_be_visible()


def open_first_material(page: Page) -> None:
    """The first thumbnail opens the material's full-size page (zoom and rotate buttons with JavaScript)."""
    page.locator(".review-materials__open").first.click()
    expect(page.locator("[data-viewer-image], .review-viewer__stage a").first).to_be_visible()


def reject_with(page: Page, reasons: list[tuple[str, str]], message: str = "") -> None:
    """Tick each catalogue reason (code) and point it at a path (``entity.mailing_address``,
    ``websites.0.name``, ``materials.id_front``…), then reject."""
    for code, path in reasons:
        page.locator(f"#id_reason-{code}-chosen").check()
        page.locator(f"#id_reason-{code}-field").select_option(path)
    if message:
        page.fill("#id_reject-message", message)
    page.locator("#reject-form button").click()
    expect(page.locator(".flash--success")).to_be_visible()


def diff_paths(page: Page) -> list[str]:
    """The field paths the "what changed since the rejection" table lists, in order."""
    rows = page.locator("#changes ~ * tr[data-path], .review-screen__changes tr[data-path]")
    return [rows.nth(index).get_attribute("data-path") for index in range(rows.count())]


def approve(page: Page, note: str = "", overrides: dict[str, str] | None = None) -> None:
    """Approve; ``overrides``: finding id → the note saying why it does not stand in the way."""
    for finding_id, text in (overrides or {}).items():
        page.fill(f"#id_override-{finding_id}-note", text)
    if note:
        page.fill("#id_approve-note", note)
    page.locator("#approve-form button").click()
    expect(page.locator(".flash--success")).to_be_visible()
