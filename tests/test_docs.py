"""The documentation stays true: the state diagram and the regions page are generated from the code and the
data, and no link leaves the repository (a clone's reader has nothing else)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_state_diagram_matches_the_state_machine(capsys):
    """Generated from filings/models.py with who runs each transition and its conditions; sorted, so any
    change of the machine (a new condition included) changes the file."""
    call_command("state_diagram")
    generated = capsys.readouterr().out
    assert "resubmit (applicant)\\nif named fields changed" in generated
    committed = (ROOT / "docs" / "state-machine.dot").read_text(encoding="utf-8")
    assert committed == generated, "run `make diagram` and commit docs/state-machine.*"
    assert (ROOT / "docs" / "state-machine.png").stat().st_size > 10_000


def test_the_readme_shows_the_diagram():
    assert "docs/state-machine.png" in (ROOT / "README.md").read_text(encoding="utf-8")


# --- Self-contained documentation: a clone's reader follows no dead link --------------------------------------
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|<(https?://[^>]+)>")
LOCAL_HOSTS = ("127.0.0.1", "localhost")
SOURCE_SUFFIXES = {".py", ".md", ".html", ".txt", ".yaml", ".yml", ".toml", ".cfg", ".example"}
SKIPPED_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".hypothesis", ".ruff_cache"}


def _documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _links(document: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", document.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [target for match in MARKDOWN_LINK.finditer(text) for target in match.groups() if target]


def _link_problem(document: Path, target: str) -> str | None:
    parsed = urlsplit(target)
    if parsed.scheme in ("http", "https"):
        return None if parsed.hostname in LOCAL_HOSTS else "leaves the repository"
    if parsed.scheme or target.startswith("//"):
        return "not a relative link"
    if not parsed.path:
        return None  # an anchor in the same page
    resolved = (document.parent / unquote(parsed.path)).resolve()
    if not resolved.is_relative_to(ROOT):
        return "points outside the repository"
    return None if resolved.exists() else "names no file"


def test_no_markdown_link_leaves_the_repository():
    problems = [
        f"{document.relative_to(ROOT)}: {target} {problem}"
        for document in _documents()
        for target in _links(document)
        if (problem := _link_problem(document, target))
    ]
    assert not problems, problems


def test_the_link_check_catches_dead_and_outside_links(tmp_path):
    readme = ROOT / "README.md"
    assert _link_problem(readme, "../shared/spec/README.md") == "points outside the repository"
    assert _link_problem(readme, "docs/nothing-here.md") == "names no file"
    assert _link_problem(readme, "https://example.com/spec") == "leaves the repository"
    assert _link_problem(readme, "http://127.0.0.1:8000/") is None
    assert _link_problem(readme, "docs/process.md#filing-types") is None


def test_no_source_file_names_the_external_specification():
    offenders = []
    for path in ROOT.rglob("*"):
        if SKIPPED_DIRS & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix not in SOURCE_SUFFIXES and path.name not in ("Makefile", "Dockerfile"):
            continue
        if path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "shared/spec" in text or "../shared" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, offenders


def test_the_documentation_pages_are_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in ("docs/process.md", "docs/api.md", "docs/regions.md", "docs/ARCHITECTURE.md"):
        assert f"]({page}" in readme, page


def test_the_committed_regions_page_matches_the_regions_data(capsys):
    call_command("regions_doc")
    generated = capsys.readouterr().out
    assert "| CN-GD 广东 Guangdong | 粤 |" in generated
    committed = (ROOT / "docs" / "regions.md").read_text(encoding="utf-8")
    assert committed == generated, "run `python manage.py regions_doc > docs/regions.md` and commit it"
