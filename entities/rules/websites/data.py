"""The operators' data files of the website rules, and their cached loaders.

Regional differences are data, not code:
- ``region.individual_name_blacklist`` (a Region column, read by ``names``);
- ``entities/data/individual-name-forms.csv`` (region_code,pattern): where a region lists forms, an
  individual's website name must take one of them and the forms replace the general list of words
  individuals may not use (Jiangsu: "某某的个人博客", "某某的个人主页"). In a pattern, ``某某`` stands for
  one or more Chinese characters;
- ``entities/data/pre-approval-regions.csv`` (category,region_code): a category listed there is offered
  only in the regions listed; a category not listed is offered everywhere;
- ``entities/data/sensitive-words.txt``: the operators' list of sensitive words, one per line.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

# entities/data: this module is entities/rules/websites/data.py.
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SENSITIVE_WORDS_FILE = DATA_DIR / "sensitive-words.txt"
INDIVIDUAL_NAME_FORMS_FILE = DATA_DIR / "individual-name-forms.csv"
PRE_APPROVAL_REGIONS_FILE = DATA_DIR / "pre-approval-regions.csv"


# Data files. Each loader caches its default file; tests and operators' tools may pass another path.


@cache
def load_sensitive_words(path: Path = SENSITIVE_WORDS_FILE) -> frozenset[str]:
    """The words of the file, one per line; blank lines and ``#`` comments ignored."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


@cache
def load_individual_name_forms(path: Path = INDIVIDUAL_NAME_FORMS_FILE) -> dict[str, tuple[str, ...]]:
    """Region code → the forms an individual's website name must take there."""
    forms: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, pattern = (row.get("region_code") or "").strip(), (row.get("pattern") or "").strip()
            if code and pattern:
                forms.setdefault(code, []).append(pattern)
    return {code: tuple(patterns) for code, patterns in forms.items()}


@cache
def load_pre_approval_regions(path: Path = PRE_APPROVAL_REGIONS_FILE) -> dict[str, frozenset[str]]:
    """Category → the region codes where it is offered; categories absent are offered everywhere."""
    regions: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            category, code = (row.get("category") or "").strip(), (row.get("region_code") or "").strip()
            if category and code:
                regions.setdefault(category, set()).add(code)
    return {category: frozenset(codes) for category, codes in regions.items()}
