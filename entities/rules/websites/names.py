"""Website names: every rule of website-names.md that a program can decide, and the individuals' own rules.

Every name: enough Chinese characters, no symbols, not the domain itself, no reserved prefix (中国, 国家...)
unless the entity is a national unit, no sensitive word. An individual's name also: the general list of
forbidden words, or the region's forms where it has some (``data``), and the region's blacklist.

What a rule cannot decide (a name "relates to" the organisation, an individual's name suggests a trade,
a person or a place) is left to the specialist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence

from common.errors import ApplicationError
from entities.domains import normalise_domain
from entities.models import EntityNature, Region
from entities.rules import Problem, problem
from entities.rules.identity import is_national_unit
from entities.rules.websites.data import load_individual_name_forms, load_sensitive_words

MIN_CHINESE_CHARACTERS = 3
FORBIDDEN_PREFIXES: tuple[str, ...] = ("中国", "中华", "中央", "人民", "人大", "国家")
# fmt: off
INDIVIDUAL_FORBIDDEN_WORDS: tuple[str, ...] = (
    "资讯", "网站", "网络", "网址", "爱好者", "作品展示", "论坛", "社区", "工作室", "平台", "主页",
    "热线", "社团", "导航", "博客", "在线", "交流", "公司", "官网", "企业", "集团",
)
# fmt: on

_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_FORM_PLACEHOLDER = "某某"


def compile_name_form(form: str) -> re.Pattern[str]:
    """``"某某的个人博客"`` → a pattern for a whole name, ``某某`` being one or more Chinese characters."""
    parts = [re.escape(part) for part in form.split(_FORM_PLACEHOLDER)]
    return re.compile(f"{_CHINESE.pattern}+".join(parts))


def _words_in(text: str, words: Collection[str]) -> list[str]:
    """The words found in ``text``, in the order they appear."""
    hits = [word for word in words if word and word in text]
    return sorted(hits, key=lambda word: (text.index(word), -len(word)))


def _domain_forms(domain: str) -> set[str]:
    """The domain as an applicant might write it as a name: Unicode, ASCII, with and without ``www.``/dots."""
    try:
        unicode_name, ascii_name = normalise_domain(domain)
    except ApplicationError:
        return {domain.strip().lower()} if domain.strip() else set()
    forms = set()
    for name in (unicode_name, ascii_name):
        for candidate in (name, name.removeprefix("www.")):
            forms.update({candidate, candidate.replace(".", "")})
    return forms


def check_website_name(
    *,
    name: str,
    domain: str,
    nature: str,
    certificate_number: str,
    region: Region,
    field: str = "websites.0.name",
    sensitive_words: Collection[str] | None = None,
    name_forms: Mapping[str, Sequence[str]] | None = None,
) -> list[Problem]:
    """Every rule of website-names.md that a program can decide; all problems found, not only the first."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    if not text:
        return [problem(field, "name_required", "请填写网站名称", "Enter the website name.")]
    found: list[Problem] = []

    symbols = "".join(
        dict.fromkeys(ch for ch in text if not (_CHINESE.match(ch) or _LATIN_OR_DIGIT.match(ch)))
    )
    if symbols:
        found.append(
            problem(
                field,
                "name_special_symbols",
                f"网站名称“{text}”不能含有特殊符号或空格：{symbols}",
                f"The website name “{text}” cannot contain symbols or spaces: {symbols}",
            )
        )
    chinese_count = len(_CHINESE.findall(text))
    if not chinese_count and all(_LATIN_OR_DIGIT.match(ch) for ch in text):
        found.append(
            problem(
                field,
                "name_only_latin_digits",
                f"网站名称“{text}”不能只由字母或数字组成",
                f"The website name “{text}” cannot consist of letters or digits only.",
            )
        )
    elif chinese_count < MIN_CHINESE_CHARACTERS:
        found.append(
            problem(
                field,
                "name_too_few_chinese",
                f"网站名称须至少含{MIN_CHINESE_CHARACTERS}个汉字，“{text}”含{chinese_count}个",
                f"A website name needs at least {MIN_CHINESE_CHARACTERS} Chinese characters; “{text}” has "
                f"{chinese_count}.",
            )
        )
    if text.lower() in _domain_forms(domain or ""):
        found.append(
            problem(
                field,
                "name_is_domain",
                f"网站名称不能是域名本身（{domain}）",
                f"The website name cannot be the domain itself ({domain}).",
            )
        )
    prefix = next((p for p in FORBIDDEN_PREFIXES if text.startswith(p)), None)
    if prefix and not is_national_unit(nature=nature, certificate_number=certificate_number):
        found.append(
            problem(
                field,
                "name_forbidden_prefix",
                f"网站名称不能以“{prefix}”开头（仅国家级单位可以）",
                f"A website name cannot begin with “{prefix}” unless the entity is a national unit.",
            )
        )
    words = load_sensitive_words() if sensitive_words is None else sensitive_words
    hits = _words_in(text, words)
    if hits:
        found.append(
            problem(
                field,
                "name_sensitive_word",
                f"网站名称含有敏感词：{'、'.join(hits)}",
                f"The website name contains sensitive words: {', '.join(hits)}.",
            )
        )
    if nature == EntityNature.INDIVIDUAL:
        found += _check_individual_name(text, region=region, field=field, name_forms=name_forms)
    return found


def _check_individual_name(
    text: str, *, region: Region, field: str, name_forms: Mapping[str, Sequence[str]] | None
) -> list[Problem]:
    found: list[Problem] = []
    forms = (load_individual_name_forms() if name_forms is None else name_forms).get(region.code, ())
    general_hits: list[str] = []
    if forms:
        # The region's forms replace the general list: "张三的个人博客" is accepted although it says 博客.
        if not any(compile_name_form(form).fullmatch(text) for form in forms):
            found.append(
                problem(
                    field,
                    "name_form_required",
                    f"{region.name_zh}个人网站名称须为以下形式之一：{'、'.join(forms)}；“{text}”不符",
                    f"In {region.name_en} an individual's website name must take one of the forms "
                    f"{', '.join(forms)} (某某 being the owner's name); “{text}” does not.",
                )
            )
    else:
        general_hits = _words_in(text, INDIVIDUAL_FORBIDDEN_WORDS)
        if general_hits:
            found.append(
                problem(
                    field,
                    "name_forbidden_word_individual",
                    f"个人网站名称不能含有：{'、'.join(general_hits)}",
                    f"An individual's website name cannot contain: {', '.join(general_hits)}.",
                )
            )
    blacklist = [word for word in region.individual_name_blacklist.split() if word not in general_hits]
    region_hits = _words_in(text, blacklist)
    if region_hits:
        found.append(
            problem(
                field,
                "name_region_blacklist",
                f"{region.name_zh}个人网站名称不能含有：{'、'.join(region_hits)}",
                f"In {region.name_en} an individual's website name cannot contain: {', '.join(region_hits)}.",
            )
        )
    return found
