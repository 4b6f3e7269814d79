"""Websites: name (website-names.md and the region's blacklist), count, content type, homepage, pre-approval.

Regional differences are data, not code:
- ``region.individual_name_blacklist`` (a Region column);
- ``entities/data/individual-name-forms.csv`` (region_code,pattern): where a region lists forms, an
  individual's website name must take one of them and the forms replace the general list of words
  individuals may not use (Jiangsu: "某某的个人博客", "某某的个人主页"). In a pattern, ``某某`` stands for
  one or more Chinese characters;
- ``entities/data/pre-approval-regions.csv`` (category,region_code): a category listed there is offered
  only in the regions listed; a category not listed is offered everywhere;
- ``entities/data/sensitive-words.txt``: the operators' list of sensitive words, one per line.

What a rule cannot decide (a name "relates to" the organisation, an individual's name suggests a trade,
a person or a place) is left to the specialist.
"""

from __future__ import annotations

import csv
import datetime
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import idna

from common.errors import ApplicationError
from entities.domains import normalise_domain
from entities.models import EntityNature, Region
from entities.rules import Problem, problem
from entities.rules.identity import is_national_unit

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SENSITIVE_WORDS_FILE = DATA_DIR / "sensitive-words.txt"
INDIVIDUAL_NAME_FORMS_FILE = DATA_DIR / "individual-name-forms.csv"
PRE_APPROVAL_REGIONS_FILE = DATA_DIR / "pre-approval-regions.csv"

MIN_CHINESE_CHARACTERS = 3
FORBIDDEN_PREFIXES: tuple[str, ...] = ("中国", "中华", "中央", "人民", "人大", "国家")
# fmt: off
INDIVIDUAL_FORBIDDEN_WORDS: tuple[str, ...] = (
    "资讯", "网站", "网络", "网址", "爱好者", "作品展示", "论坛", "社区", "工作室", "平台", "主页",
    "热线", "社团", "导航", "博客", "在线", "交流", "公司", "官网", "企业", "集团",
)
# fmt: on
MIN_WEBSITES, MAX_WEBSITES = 1, 10
CONTENT_TYPE_OTHER = "other"  # 其他: the only content type an individual's website may have

PRE_APPROVAL_CATEGORIES: dict[str, tuple[str, str]] = {
    "news": ("新闻", "news"),
    "publishing": ("出版", "publishing"),
    "drugs_medical": ("药品和医疗器械", "drugs and medical devices"),
    "culture": ("文化", "culture"),
    "audio_video": ("广播电影电视节目", "audio and video"),
    "education": ("教育", "education"),
    "health_care": ("医疗保健", "health care"),
    "ride_hailing": ("网络预约车", "ride-hailing"),
    "finance": ("金融", "finance"),
}

_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_FORM_PLACEHOLDER = "某某"


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


def compile_name_form(form: str) -> re.Pattern[str]:
    """``"某某的个人博客"`` → a pattern for a whole name, ``某某`` being one or more Chinese characters."""
    parts = [re.escape(part) for part in form.split(_FORM_PLACEHOLDER)]
    return re.compile(f"{_CHINESE.pattern}+".join(parts))


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


# Names.


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


# Count, content type, homepage.


def check_website_count(*, count: int, region: Region, field: str = "websites") -> list[Problem]:
    """1 to 10 websites per filing, and no more than the region's ``max_domains_per_order``."""
    if count < MIN_WEBSITES:
        return [problem(field, "websites_none", "请至少填写一个网站", "Add at least one website.")]
    if count > MAX_WEBSITES:
        return [
            problem(
                field,
                "websites_too_many",
                f"一次备案最多{MAX_WEBSITES}个网站，当前为{count}个",
                f"A filing holds at most {MAX_WEBSITES} websites; this one has {count}.",
            )
        ]
    limit = region.max_domains_per_order
    if limit is not None and count > limit:
        return [
            problem(
                field,
                "websites_over_region_limit",
                f"{region.name_zh}一次备案最多{limit}个网站（域名），当前为{count}个",
                f"{region.name_en} accepts at most {limit} websites (domains) per filing; "
                f"this one has {count}.",
            )
        ]
    return []


def check_content_type(
    *, nature: str, content_type: str, field: str = "websites.0.content_type"
) -> list[Problem]:
    if not (content_type or "").strip():
        return [
            problem(
                field, "content_type_required", "请选择网站内容类型", "Choose the website's content type."
            )
        ]
    if nature == EntityNature.INDIVIDUAL and content_type != CONTENT_TYPE_OTHER:
        return [
            problem(
                field,
                "content_type_individual",
                f"个人网站的内容类型只能为“其他”，不能为“{content_type}”",
                f"An individual's website can only have the content type “other”, not “{content_type}”.",
            )
        ]
    return []


def _ascii_host(host: str) -> str | None:
    try:
        return idna.encode(host.rstrip("."), uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


def check_homepage_url(
    *, homepage_url: str, domain: str, field: str = "websites.0.homepage_url"
) -> list[Problem]:
    """An http(s) URL whose host is the website's domain or one of its subdomains (``www.``)."""
    text = (homepage_url or "").strip()
    if not text:
        return [problem(field, "homepage_url_required", "请填写网站首页地址", "Enter the homepage URL.")]
    if "://" not in text:
        text = f"http://{text}"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _port = parts.port  # a malformed port raises ValueError here
    except ValueError:
        parts, host = None, None
    if parts is None or not host or parts.scheme.lower() not in ("http", "https"):
        return [
            problem(
                field,
                "homepage_url_invalid",
                f"“{homepage_url}”不是有效的网址，应以http://或https://开头",
                f"“{homepage_url}” is not a valid web address (http:// or https://).",
            )
        ]
    try:
        unicode_domain, ascii_domain = normalise_domain(domain)
    except ApplicationError:
        return []  # the domain's own problem is reported on the domain field
    ascii_host = _ascii_host(host)
    if ascii_host == ascii_domain or (ascii_host or "").endswith(f".{ascii_domain}"):
        return []
    return [
        problem(
            field,
            "homepage_url_off_domain",
            f"网站首页地址“{homepage_url}”不在本网站的域名{unicode_domain}下",
            f"The homepage “{homepage_url}” is not on the website's domain {unicode_domain}.",
        )
    ]


# Pre-approval (前置审批).


def available_pre_approval_categories(
    *, nature: str, region: Region, category_regions: Mapping[str, Collection[str]] | None = None
) -> tuple[str, ...]:
    """The categories the wizard offers: none to individuals; regional ones only where the data says so."""
    if nature == EntityNature.INDIVIDUAL:
        return ()
    restricted = load_pre_approval_regions() if category_regions is None else category_regions
    return tuple(
        category
        for category in PRE_APPROVAL_CATEGORIES
        if category not in restricted or region.code in restricted[category]
    )


def check_pre_approvals(
    *,
    nature: str,
    region: Region,
    choices: Sequence[Mapping[str, object]] | None,
    today: datetime.date,
    field: str = "websites.0.pre_approvals",
    category_regions: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """The chosen categories, each with its document (``number``, ``issuer``, ``valid_until`` > ``today``).

    ``choices`` is None while unanswered; an empty list is the explicit "none of the above".
    """
    if choices is None:
        return [
            problem(
                field,
                "pre_approval_unanswered",
                "请选择前置审批类别，或选择“以上都不涉及”",
                "Choose the pre-approval categories, or “none of the above”.",
            )
        ]
    if not choices:
        return []
    if nature == EntityNature.INDIVIDUAL:
        return [
            problem(
                field,
                "pre_approval_individual",
                "个人网站不能涉及前置审批内容",
                "An individual's website cannot have pre-approval categories.",
            )
        ]
    offered = available_pre_approval_categories(
        nature=nature, region=region, category_regions=category_regions
    )
    found: list[Problem] = []
    seen: set[str] = set()
    for index, choice in enumerate(choices):
        prefix = f"{field}.{index}"
        category = str(choice.get("category") or "")
        if category not in PRE_APPROVAL_CATEGORIES:
            found.append(
                problem(
                    f"{prefix}.category",
                    "pre_approval_unknown_category",
                    f"未知的前置审批类别“{category}”",
                    f"“{category}” is not a pre-approval category.",
                )
            )
            continue
        name_zh, name_en = PRE_APPROVAL_CATEGORIES[category]
        if category not in offered:
            found.append(
                problem(
                    f"{prefix}.category",
                    "pre_approval_not_offered",
                    f"{region.name_zh}不设“{name_zh}”前置审批类别",
                    f"The pre-approval category “{name_en}” is not offered in {region.name_en}.",
                )
            )
            continue
        if category in seen:
            found.append(
                problem(
                    f"{prefix}.category",
                    "pre_approval_duplicate",
                    f"前置审批类别“{name_zh}”重复",
                    f"The pre-approval category “{name_en}” is chosen twice.",
                )
            )
            continue
        seen.add(category)
        for key, zh, en in (("number", "审批文号", "number"), ("issuer", "审批单位", "issuer")):
            if not str(choice.get(key) or "").strip():
                found.append(
                    problem(
                        f"{prefix}.{key}",
                        f"pre_approval_{key}_required",
                        f"请填写“{name_zh}”前置审批的{zh}",
                        f"Enter the {en} of the “{name_en}” approval document.",
                    )
                )
        valid_until = _as_date(choice.get("valid_until"))
        if valid_until is None:
            found.append(
                problem(
                    f"{prefix}.valid_until",
                    "pre_approval_valid_until_required",
                    f"请填写“{name_zh}”前置审批文件的有效期",
                    f"Enter the validity date of the “{name_en}” approval document.",
                )
            )
        elif valid_until <= today:
            found.append(
                problem(
                    f"{prefix}.valid_until",
                    "pre_approval_expired",
                    f"“{name_zh}”前置审批文件有效期至{valid_until:%Y-%m-%d}，已过期",
                    f"The “{name_en}” approval document was valid until {valid_until:%Y-%m-%d}; "
                    "it has expired.",
                )
            )
    return found


def _as_date(value: object) -> datetime.date | None:
    """A stored choice keeps its date as ISO text (``Website.pre_approvals`` is JSON); a form passes a date."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def check_website(
    *,
    index: int,
    website: Mapping[str, object],
    nature: str,
    certificate_number: str,
    region: Region,
    today: datetime.date,
    sensitive_words: Collection[str] | None = None,
    name_forms: Mapping[str, Sequence[str]] | None = None,
    category_regions: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """Name, content type, homepage and pre-approvals of ``websites.<index>`` (a mapping with those keys).

    The domain's own rules are in ``entities.rules.domains``; the count in ``check_website_count``.
    """
    prefix = f"websites.{index}"
    domain = str(website.get("domain") or "")
    pre_approvals = website.get("pre_approvals")
    return (
        check_website_name(
            name=str(website.get("name") or ""),
            domain=domain,
            nature=nature,
            certificate_number=certificate_number,
            region=region,
            field=f"{prefix}.name",
            sensitive_words=sensitive_words,
            name_forms=name_forms,
        )
        + check_content_type(
            nature=nature, content_type=str(website.get("content_type") or ""), field=f"{prefix}.content_type"
        )
        + check_homepage_url(
            homepage_url=str(website.get("homepage_url") or ""), domain=domain, field=f"{prefix}.homepage_url"
        )
        + check_pre_approvals(
            nature=nature,
            region=region,
            choices=pre_approvals if isinstance(pre_approvals, list | tuple) else None,
            today=today,
            field=f"{prefix}.pre_approvals",
            category_regions=category_regions,
        )
    )
