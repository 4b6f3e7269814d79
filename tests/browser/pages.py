"""What a browser test does on any page: log in, look at the page at both widths, check it with axe-core.

``look_at(page, "login")`` is the one call most page tests need: at 1280×900 and at 390×844 (a phone) it saves a
full-page screenshot, checks that the phone width needs no sideways scrolling, and runs axe-core, then fails once
with everything it found. ``shoot`` and ``check_accessibility`` are its two halves, for a page state that only
needs one of them.

Screenshots go to ``$SCREENSHOT_DIR`` (default ``var/screenshots`` in the checkout) as ``<name>-1280.png`` and
``<name>-390.png``; a later run overwrites them, so a name is a page state (``wizard-step-2-errors``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page

PERSONA_PASSWORD = "correct horse battery staple"  # the personas' password in tests/conftest.py

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FAILING_IMPACTS = ("serious", "critical")

AXE_SCRIPT = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"

# Elements wider than the window, named for the failure message (the first few are enough to find the culprit).
_OVERFLOWING_ELEMENTS_JS = """() => {
  const width = window.innerWidth;
  const name = (element) => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + (typeof element.className === "string" && element.className.trim()
        ? "." + element.className.trim().split(/\\s+/).join(".") : "");
  return Array.from(document.body.querySelectorAll("*"))
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map((element) => `${name(element)} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`);
}"""


def screenshot_dir() -> Path:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "var" / "screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def login(page: Page, live_server: Any, username: str, password: str = PERSONA_PASSWORD) -> None:
    """Sign in through the login form, as a person does; the page is left wherever the form sends it."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def shoot(page: Page, name: str) -> tuple[Path, Path]:
    """Full-page screenshots at 1280 and 390 wide; fails if the page scrolls sideways at 390."""
    problems: list[str] = []
    paths = _at_both_widths(page, name, problems, accessibility=False)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    return paths


def check_accessibility(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; fail on a serious or critical violation.

    Returns every violation axe found (the moderate and minor ones too) for a test that wants to look at them.
    """
    violations = _axe_violations(page)
    failing = _failing(violations)
    if failing:
        pytest.fail(f"axe-core on {page.url}:\n{_describe(failing)}", pytrace=False)
    return violations


def look_at(page: Page, name: str) -> None:
    """Screenshot and axe-core at 1280 and at 390 wide (no sideways scrolling there); one failure with all."""
    problems: list[str] = []
    _at_both_widths(page, name, problems, accessibility=True)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# --- Inside ------------------------------------------------------------------------------------------------
def _at_both_widths(page: Page, name: str, problems: list[str], *, accessibility: bool) -> tuple[Path, Path]:
    if not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(f"screenshot name {name!r}: use letters, digits, '-', '_' and '.' only")
    original = page.viewport_size
    paths = []
    try:
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            path = screenshot_dir() / f"{name}-{size['width']}.png"
            page.screenshot(path=path, full_page=True)
            paths.append(path)
            if size is PHONE:
                problems.extend(_horizontal_scroll(page))
            if accessibility:
                failing = _failing(_axe_violations(page))
                if failing:
                    problems.append(f"axe-core at {size['width']} px on {page.url}:\n{_describe(failing)}")
    finally:
        if original:
            page.set_viewport_size(original)
    return paths[0], paths[1]


def _horizontal_scroll(page: Page) -> list[str]:
    scroll_width, window_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= window_width:
        return []
    culprits = page.evaluate(_OVERFLOWING_ELEMENTS_JS)
    return [
        f"{page.url} scrolls sideways at {window_width} px (content {scroll_width} px wide); "
        f"wider than the window: {', '.join(culprits) or 'no single element'}"
    ]


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        if not AXE_SCRIPT.exists():
            pytest.fail(f"{AXE_SCRIPT} is missing: run scripts/vendor.sh", pytrace=False)
        page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate("async () => await window.axe.run(document)")
    return result["violations"]


def _failing(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [violation for violation in violations if violation.get("impact") in FAILING_IMPACTS]


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            # axe writes "Fix any of the following:" and then one reason a line.
            reasons = [
                line.strip() for line in (node.get("failureSummary") or "").splitlines() if line.strip()
            ]
            summary = " ".join(r if r.endswith(":") else f"{r};" for r in reasons).rstrip(";")
            lines.append(f"    {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
