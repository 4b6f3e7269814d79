"""The portal's message catalogue: the compiled ``.mo`` is committed (a fresh machine may have no gettext)
and must say what the ``.po`` beside it says."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of a ``.po`` file without plural forms or contexts (the portal's has none): each
    entry's quoted lines joined, fuzzy entries left out as ``msgfmt`` leaves them out."""
    entries: dict[str, str] = {}
    current: dict[str, str] = {}
    key = ""
    fuzzy = False

    def close() -> None:
        if "msgid" in current and not fuzzy and current.get("msgstr"):
            entries[current["msgid"]] = current["msgstr"]

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            close()
            current, key, fuzzy = {}, "", False
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgstr ")):
            key, _space, literal = line.partition(" ")
            current[key] = ast.literal_eval(literal)
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            raise AssertionError(f"{path}: a line this reader does not know: {line!r}")
    entries.pop("", None)  # the header
    return entries


def test_the_compiled_catalogue_is_in_step_with_its_source():
    po = read_po(CATALOGUE / "django.po")
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        mo = {key: value for key, value in gettext.GNUTranslations(compiled)._catalog.items() if key}
    assert po, "the catalogue is empty"
    assert mo == po


def test_the_catalogue_is_where_django_looks_for_zh_hans():
    from django.utils.translation import to_locale

    assert Path(settings.BASE_DIR) / "locale" in [Path(path) for path in settings.LOCALE_PATHS]
    assert CATALOGUE.parent.name == to_locale(settings.LANGUAGE_CODE)
