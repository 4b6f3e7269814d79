"""Websites: name (website-names.md and the region's blacklist), count, content type, homepage, pre-approval.

Regional differences are data, not code (the region's columns and the operators' files, see ``data``); what a
rule cannot decide is left to the specialist.

Modules: ``data`` (the operators' files and their cached loaders), ``names`` (website names), ``count``
(websites per filing), ``content`` (content type, homepage URL), ``pre_approvals`` (categories offered,
their documents), ``website`` (one website as a whole). Import from this package: the names below are its
public interface.
"""

from __future__ import annotations

from entities.rules.websites.content import CONTENT_TYPE_OTHER, check_content_type, check_homepage_url
from entities.rules.websites.count import MAX_WEBSITES, MIN_WEBSITES, check_website_count
from entities.rules.websites.data import (
    DATA_DIR,
    INDIVIDUAL_NAME_FORMS_FILE,
    PRE_APPROVAL_REGIONS_FILE,
    SENSITIVE_WORDS_FILE,
    load_individual_name_forms,
    load_pre_approval_regions,
    load_sensitive_words,
)
from entities.rules.websites.names import (
    FORBIDDEN_PREFIXES,
    INDIVIDUAL_FORBIDDEN_WORDS,
    MIN_CHINESE_CHARACTERS,
    check_website_name,
    compile_name_form,
)
from entities.rules.websites.pre_approvals import (
    PRE_APPROVAL_CATEGORIES,
    available_pre_approval_categories,
    check_pre_approvals,
)
from entities.rules.websites.website import check_website

__all__ = [
    "CONTENT_TYPE_OTHER",
    "DATA_DIR",
    "FORBIDDEN_PREFIXES",
    "INDIVIDUAL_FORBIDDEN_WORDS",
    "INDIVIDUAL_NAME_FORMS_FILE",
    "MAX_WEBSITES",
    "MIN_CHINESE_CHARACTERS",
    "MIN_WEBSITES",
    "PRE_APPROVAL_CATEGORIES",
    "PRE_APPROVAL_REGIONS_FILE",
    "SENSITIVE_WORDS_FILE",
    "available_pre_approval_categories",
    "check_content_type",
    "check_homepage_url",
    "check_pre_approvals",
    "check_website",
    "check_website_count",
    "check_website_name",
    "compile_name_form",
    "load_individual_name_forms",
    "load_pre_approval_regions",
    "load_sensitive_words",
]
