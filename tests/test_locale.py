"""The portal's message catalogues, zh_Hans (the default language) and en: each translates every string the
code and the templates mark (``make messages`` extracts them), and the compiled ``.mo`` is committed (a fresh
machine may have no gettext) and says what the ``.po`` beside it says."""

from __future__ import annotations

import ast
import gettext
import io
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
LANGUAGES = ("zh_Hans", "en")
# What Django, DRF or django-filter say, corrected: not in the portal's code, so `make messages` adds them.
FRAMEWORK_OVERRIDES = LOCALE / "zh_Hans" / "framework-overrides.po"
NEEDS = ("xgettext", "msguniq", "msgmerge", "msgattrib")


def catalogue(language: str, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    plural: str | None
    msgstrs: tuple[str, ...]  # msgstr, or msgstr[0], msgstr[1]… of a plural entry
    fuzzy: bool

    @property
    def key(self) -> str:
        """The key of the entry in a compiled catalogue (``msgfmt`` joins a context with EOT)."""
        return self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs)


KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\]) (\".*\")$")


def read_entries(path: Path) -> list[Entry]:
    """The entries of a ``.po`` file, the header (msgid "") first; obsolete ones (``#~``) are comments here,
    as they are to ``msgfmt``."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    key = ""
    fuzzy = False

    def close() -> None:
        if "msgid" in fields:
            plurals = sorted((k for k in fields if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
            entries.append(
                Entry(
                    context=fields.get("msgctxt"),
                    msgid=fields["msgid"],
                    plural=fields.get("msgid_plural"),
                    msgstrs=tuple(fields[k] for k in plurals) if plurals else (fields.get("msgstr", ""),),
                    fuzzy=fuzzy,
                )
            )

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            close()
            fields, key, fuzzy = {}, "", False
        elif line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif match := KEYWORD.match(line):
            key = match[1]
            fields[key] = ast.literal_eval(match[2])
        elif line.startswith('"') and key:
            fields[key] += ast.literal_eval(line)
        else:
            raise AssertionError(f"{path}: a line this reader does not know: {line!r}")
    return entries


def read_po(path: Path) -> dict[str | tuple[str, int], str]:
    """What ``msgfmt`` compiles of a ``.po``, in the shape of ``gettext.GNUTranslations._catalog``: key → msgstr,
    (key, n) → msgstr[n] for a plural entry; fuzzy and untranslated entries and the header left out."""
    compiled: dict[str | tuple[str, int], str] = {}
    for entry in read_entries(path):
        if not entry.msgid or entry.fuzzy or not entry.translated:
            continue
        if entry.plural is None:
            compiled[entry.key] = entry.msgstrs[0]
        else:
            compiled.update({(entry.key, n): msgstr for n, msgstr in enumerate(entry.msgstrs)})
    return compiled


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_in_step_with_its_source(language):
    po = read_po(catalogue(language))
    with catalogue(language).with_suffix(".mo").open("rb") as compiled:
        mo = {key: value for key, value in gettext.GNUTranslations(compiled)._catalog.items() if key}
    assert po, "the catalogue is empty"
    assert mo == po, (
        f"run `make messages`: {catalogue(language).with_suffix('.mo')} is not compiled from its .po"
    )


def test_the_catalogues_are_where_django_looks_for_the_languages():
    assert LOCALE in [Path(path) for path in settings.LOCALE_PATHS]
    assert to_locale(settings.LANGUAGE_CODE) == LANGUAGES[0]
    assert sorted(to_locale(code) for code, _name in settings.LANGUAGES) == sorted(LANGUAGES)
    for language in LANGUAGES:
        assert catalogue(language).is_file()


def makemessages_arguments() -> list[str]:
    """The arguments ``make messages`` gives ``makemessages``, read from the Makefile so the two agree."""
    for line in (BASE_DIR / "Makefile").read_text(encoding="utf-8").splitlines():
        if line.startswith("\t") and "manage.py makemessages" in line:
            words = shlex.split(line)
            return words[words.index("makemessages") + 1 :]
    raise AssertionError("the Makefile's messages target runs no `manage.py makemessages`")


def extract_into_a_copy(into: Path, test_settings, *, extra: dict[str, str] | None = None) -> Path:
    """Run ``make messages``'s extraction with a copy of locale/ as the place it writes to, and return that
    copy's path; the committed catalogues are left alone.

    ``makemessages`` walks the current directory, and the strings of a file found there go to the
    directory named ``locale`` beside the file or above it (the project's locale/), ahead of LOCALE_PATHS: so
    it runs in a mirror of the project (each entry but locale/ a symbolic link, followed with ``--symlinks``)
    whose locale/ is the copy, and LOCALE_PATHS names the copy too. ``extra`` adds files to the mirror
    (relative path → text), to show the check fails."""
    mirror = into / "project"
    mirror.mkdir()
    for entry in BASE_DIR.iterdir():
        if entry.name != "locale":
            (mirror / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    copy = mirror / "locale"
    shutil.copytree(LOCALE, copy)
    for relative, text in (extra or {}).items():
        (mirror / relative).parent.mkdir(parents=True, exist_ok=True)
        (mirror / relative).write_text(text, encoding="utf-8")
    test_settings.LOCALE_PATHS = [str(copy)]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(mirror)
        call_command(
            "makemessages", *makemessages_arguments(), "--symlinks", verbosity=0, stdout=io.StringIO()
        )
    return copy


def untranslated(committed: Path, extracted: Path) -> list[str]:
    """What the catalogue ``committed`` lacks after the extraction left ``extracted``: one line per msgid."""
    known = {entry.key for entry in read_entries(committed)}
    found = []
    for entry in read_entries(extracted):
        if not entry.msgid:
            if entry.fuzzy:
                found.append("fuzzy header (msgfmt leaves it out, and the charset with it)")
        elif entry.key not in known:
            found.append(f"missing: {entry.key!r}")
        elif entry.fuzzy:
            found.append(f"fuzzy: {entry.key!r}")
        elif not entry.translated:
            found.append(f"untranslated: {entry.key!r}")
    return found


def test_the_catalogues_translate_every_string_of_the_code_and_templates(settings, tmp_path):
    missing_programs = [program for program in NEEDS if shutil.which(program) is None]
    if missing_programs:
        pytest.fail(
            f"GNU gettext is not installed (no {', '.join(missing_programs)}), so the strings of the code and "
            "templates cannot be extracted to compare with the catalogues: apt-get install gettext"
        )
    before = {language: catalogue(language).read_bytes() for language in LANGUAGES}
    copy = extract_into_a_copy(tmp_path, settings)
    assert {language: catalogue(language).read_bytes() for language in LANGUAGES} == before, (
        "makemessages wrote into the committed catalogues instead of the copy"
    )
    report = []
    for language in LANGUAGES:
        found = untranslated(catalogue(language), catalogue(language, copy))
        if found:
            report.append(f"{catalogue(language).relative_to(BASE_DIR)}, {len(found)}:")
            report.extend(f"  {line}" for line in found)
    assert not report, (
        "strings of the code and templates the catalogues do not translate; run `make messages`, translate "
        "them (no empty msgstr, no #, fuzzy), run it again:\n" + "\n".join(report)
    )


def test_the_framework_overrides_are_in_the_zh_hans_catalogue():
    overrides = read_po(FRAMEWORK_OVERRIDES)
    compiled = read_po(catalogue("zh_Hans"))
    assert overrides, "no entry in the framework overrides"
    assert {key: compiled.get(key) for key in overrides} == overrides, (
        f"run `make messages`: {catalogue('zh_Hans').relative_to(BASE_DIR)} is to carry "
        f"{FRAMEWORK_OVERRIDES.relative_to(BASE_DIR)} as it is"
    )
