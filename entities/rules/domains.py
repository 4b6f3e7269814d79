"""Domains: approved TLD, the nature TLD rules, regional exclusions, and the registrar's facts.

TLDs are compared in their Unicode form (``xn--fiqs8s`` and ``中国`` are the same TLD), label by label,
so that multi-label TLDs (``gov.cn``) work and ``example.org.cn`` is not taken for ``.org``.

Data:
- the approved list is passed in; ``load_default_approved_tlds()`` reads ``entities/data/approved-tlds.txt``;
- ``entities/data/nature-tld-exclusions.csv`` (region_code,nature,tld): TLDs a nature cannot file in a region
  (Chongqing: individuals cannot file .org).
The registrar's facts come from the registrar gateway: the caller looks them up and passes a
``RegistrarFacts``.
"""

from __future__ import annotations

import csv
import datetime
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import idna

from common.errors import ApplicationError
from common.workdays import add_workdays, workdays_between
from entities.domains import normalise_domain
from entities.models import EntityNature, Region
from entities.rules import Problem, add_months, problem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
APPROVED_TLDS_FILE = DATA_DIR / "approved-tlds.txt"
NATURE_TLD_EXCLUSIONS_FILE = DATA_DIR / "nature-tld-exclusions.csv"

# National rules (website-names.md), the same in every region.
NATURE_REQUIRED_TLDS: dict[str, tuple[str, ...]] = {
    EntityNature.PUBLIC_INSTITUTION: ("cn", "公益"),
    EntityNature.GOVERNMENT: ("gov.cn", "政务"),
}
NATURE_NAMES: dict[str, tuple[str, str]] = {
    EntityNature.PUBLIC_INSTITUTION: ("事业单位", "A public institution"),
    EntityNature.GOVERNMENT: ("政府机关", "A government body"),
    EntityNature.INDIVIDUAL: ("个人", "An individual"),
}
MIN_VERIFICATION_WORKDAYS = 3


def unicode_tld(tld: str) -> str:
    """``".XN--FIQS8S"`` → ``"中国"``, ``"GOV.CN"`` → ``"gov.cn"``: the form TLDs are compared in."""
    labels = unicodedata.normalize("NFKC", tld).strip().strip(".").lower().split(".")
    decoded = []
    for label in labels:
        try:
            decoded.append(idna.decode(label) if label.startswith("xn--") else label)
        except (idna.IDNAError, UnicodeError):
            decoded.append(label)
    return ".".join(decoded)


@cache
def load_default_approved_tlds(path: Path = APPROVED_TLDS_FILE) -> frozenset[str]:
    """The TLDs of the file, one per line, in Unicode form; blank lines and ``#`` comments ignored."""
    tlds = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            tlds.add(unicode_tld(entry))
    return frozenset(tlds)


@cache
def load_nature_tld_exclusions(path: Path = NATURE_TLD_EXCLUSIONS_FILE) -> frozenset[tuple[str, str, str]]:
    """``(region_code, nature, tld)`` triples: the TLDs a nature cannot file in a region."""
    exclusions = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, nature, tld = (row.get(key, "").strip() for key in ("region_code", "nature", "tld"))
            if code and nature and tld:
                exclusions.add((code, nature, unicode_tld(tld)))
    return frozenset(exclusions)


def has_suffix(domain: str, suffix: str) -> bool:
    """Label-wise: ``a.gov.cn`` has the suffix ``gov.cn`` and ``cn``; ``a.org.cn`` does not have ``org``."""
    labels, suffix_labels = domain.split("."), unicode_tld(suffix).split(".")
    return len(labels) > len(suffix_labels) and labels[-len(suffix_labels) :] == suffix_labels


def approved_tld_of(domain: str, approved_tlds: Collection[str]) -> str | None:
    """The longest approved TLD the (Unicode, normalised) domain ends with, or None."""
    approved = {unicode_tld(tld) for tld in approved_tlds}
    labels = domain.split(".")
    for start in range(1, len(labels)):
        candidate = ".".join(labels[start:])
        if candidate in approved:
            return candidate
    return None


def check_domain(
    *,
    domain: str,
    nature: str,
    region: Region,
    approved_tlds: Collection[str],
    field: str = "websites.0.domain",
    tld_exclusions: Collection[tuple[str, str, str]] | None = None,
) -> list[Problem]:
    """A valid name (any case, IDN or punycode) on an approved TLD; the nature's and region's TLD rules."""
    text = (domain or "").strip()
    if not text:
        return [problem(field, "domain_required", "请填写域名", "Enter the domain name.")]
    try:
        unicode_name, _ascii_name = normalise_domain(text, field=field)
    except ApplicationError:
        return [
            problem(
                field,
                "domain_invalid",
                f"“{text[:80]}”不是有效的域名（应如example.com）",
                f"“{text[:80]}” is not a valid domain name (such as example.com).",
            )
        ]
    if approved_tld_of(unicode_name, approved_tlds) is None:
        last = unicode_name.rsplit(".", 1)[-1]
        return [
            problem(
                field,
                "tld_not_approved",
                f"域名后缀“.{last}”未获工业和信息化部批准，不能备案（{unicode_name}）",
                f"The top-level domain “.{last}” is not approved by MIIT for filing ({unicode_name}).",
            )
        ]
    found: list[Problem] = []
    required = NATURE_REQUIRED_TLDS.get(nature)
    if required and not any(has_suffix(unicode_name, tld) for tld in required):
        nature_zh, nature_en = NATURE_NAMES[nature]
        suffixes_zh, suffixes_en = "、".join(f".{t}" for t in required), ", ".join(f".{t}" for t in required)
        found.append(
            problem(
                field,
                "tld_not_allowed_for_nature",
                f"{nature_zh}只能使用以下后缀的域名：{suffixes_zh}（{unicode_name}）",
                f"{nature_en} files only domains under {suffixes_en} ({unicode_name}).",
            )
        )
    exclusions = load_nature_tld_exclusions() if tld_exclusions is None else tld_exclusions
    for code, excluded_nature, tld in exclusions:
        if code == region.code and excluded_nature == nature and has_suffix(unicode_name, tld):
            nature_zh, nature_en = NATURE_NAMES.get(nature, (nature, nature))
            found.append(
                problem(
                    field,
                    "tld_excluded_in_region",
                    f"{region.name_zh}不接受{nature_zh}备案“.{unicode_tld(tld)}”域名（{unicode_name}）",
                    f"In {region.name_en}, {nature_en.lower()} cannot file a “.{unicode_tld(tld)}” domain "
                    f"({unicode_name}).",
                )
            )
    return found


@dataclass(frozen=True)
class RegistrarFacts:
    """What the registrar (through the gateway) says about a domain. The registrar compares the holder's
    certificate with the entity's itself: the number never travels back, only whether it matched."""

    holder_name: str
    holder_certificate_matches: bool
    holder_certificate_masked: str
    real_name_verified_at: datetime.date | None
    expires_at: datetime.date | None


def _folded_name(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def _same_name(a: str, b: str) -> bool:
    """Full-width and half-width forms, and spacing, do not make names differ: （北京） equals (北京)."""
    return bool(_folded_name(a)) and _folded_name(a) == _folded_name(b)


def check_registrar_facts(
    *,
    facts: RegistrarFacts | None,
    domain: str,
    entity_name: str,
    region: Region,
    today: datetime.date,
    field: str = "websites.0.domain",
) -> list[Problem]:
    """Holder equal to the entity, real-name verified ≥ 3 working days ago, ``domain_min_months`` left.

    ``facts`` is None when the registrar does not know the domain.
    """
    if facts is None:
        return [
            problem(
                field,
                "domain_not_registered",
                f"注册商未查到域名{domain}的注册信息，请确认域名已注册",
                f"The registrar has no record of {domain}; check that the domain is registered.",
            )
        ]
    found: list[Problem] = []
    if not _same_name(facts.holder_name, entity_name):
        found.append(
            problem(
                field,
                "domain_holder_name_mismatch",
                f"域名{domain}的持有者“{facts.holder_name}”与主办单位名称“{entity_name}”不一致",
                f"The holder of {domain}, “{facts.holder_name}”, is not the entity “{entity_name}”.",
            )
        )
    if not facts.holder_certificate_matches:
        masked = facts.holder_certificate_masked
        found.append(
            problem(
                field,
                "domain_holder_certificate_mismatch",
                f"域名{domain}持有者的证件号码“{masked}”与主办单位证件号码不一致",
                f"The certificate number of the holder of {domain} (“{masked}”) is not the entity's.",
            )
        )
    verified_at = facts.real_name_verified_at
    if verified_at is None:
        found.append(
            problem(
                field,
                "domain_not_verified",
                f"域名{domain}尚未完成实名认证",
                f"The real-name verification of {domain} is not done.",
            )
        )
    elif workdays_between(verified_at, today) < MIN_VERIFICATION_WORKDAYS:
        ready = add_workdays(verified_at, MIN_VERIFICATION_WORKDAYS)
        found.append(
            problem(
                field,
                "domain_verification_too_recent",
                f"域名{domain}于{verified_at:%Y-%m-%d}完成实名认证，须满{MIN_VERIFICATION_WORKDAYS}个工作日"
                f"（{ready:%Y-%m-%d}起）方可备案",
                f"{domain} was real-name verified on {verified_at:%Y-%m-%d}; it can be filed "
                f"{MIN_VERIFICATION_WORKDAYS} working days later, from {ready:%Y-%m-%d}.",
            )
        )
    expires_at = facts.expires_at
    needed = add_months(today, region.domain_min_months)
    if expires_at is None:
        found.append(
            problem(
                field,
                "domain_expiry_unknown",
                f"注册商未提供域名{domain}的到期日",
                f"The registrar gives no expiry date for {domain}.",
            )
        )
    elif expires_at <= today:
        found.append(
            problem(
                field,
                "domain_expired",
                f"域名{domain}已于{expires_at:%Y-%m-%d}到期，请先续费",
                f"{domain} expired on {expires_at:%Y-%m-%d}; renew it first.",
            )
        )
    elif expires_at < needed:
        found.append(
            problem(
                field,
                "domain_expires_too_soon",
                f"{region.name_zh}要求域名有效期至少还有{region.domain_min_months}个月（至{needed:%Y-%m-%d}），"
                f"域名{domain}于{expires_at:%Y-%m-%d}到期，请先续费",
                f"{region.name_en} requires at least {region.domain_min_months} months before the domain "
                f"expires (until {needed:%Y-%m-%d}); {domain} expires on {expires_at:%Y-%m-%d}. "
                "Renew it first.",
            )
        )
    return found
