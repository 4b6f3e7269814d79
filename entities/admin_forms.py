"""The admin's forms for the operators' reference data: each value checked the way the rules will read it.

A region's rules are read at every validation (``filings.validation.RegionalData``): a typo here (a category
that does not exist, a mailing rule that does not parse, a name form without ``某某``) would silently change
what applicants may file. The forms refuse such values with a message beside the field at fault.
"""

from __future__ import annotations

import re
import unicodedata

import idna
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from entities.models import ApprovedTld, Region, SensitiveWord
from entities.rules.domains import unicode_tld
from entities.rules.websites import PRE_APPROVAL_CATEGORIES

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]$")
_REGION_CODE = re.compile(r"^CN-[A-Z]{2}$")
_DIVISION = re.compile(r"^[1-9][0-9]$")
_MAILING_CLAUSE = re.compile(r"^(individual|organization)>([0-9]+)$")
NAME_FORM_PLACEHOLDER = "某某"
PSB_SUFFIX = "公网安备"


def _words(value: str) -> list[str]:
    """Space-separated words, each once, in the order given (what the rules split the column into)."""
    return list(dict.fromkeys(value.split()))


def clean_tld(value: str) -> str:
    """``.COM`` → ``com``, ``XN--FIQS8S`` → ``中国``: the form the rules compare in; refuses what is no TLD."""
    name = unicode_tld(value)
    labels = name.split(".")
    if not name or any(not label for label in labels):
        raise ValidationError(_("Enter a top-level domain such as com, gov.cn or 中国."), code="tld_invalid")
    try:
        for label in labels:
            idna.encode(label, uts46=True)
    except (idna.IDNAError, UnicodeError) as exc:
        raise ValidationError(
            _("“%(tld)s” is not a valid top-level domain."), code="tld_invalid", params={"tld": name}
        ) from exc
    return name


class RegionAdminForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = "__all__"  # noqa: DJ007 — every regional rule is the operator's to edit
        widgets = {
            "individual_name_blacklist": forms.Textarea(attrs={"rows": 3}),
            "individual_name_forms": forms.Textarea(attrs={"rows": 3}),
        }
        # The columns have no verbose names of their own (entities/models.py): the operators' words here.
        labels = {
            "code": _("Region code"),
            "division": _("Division code (first two digits)"),
            "name_zh": _("Name in Chinese"),
            "name_en": _("Name in English"),
            "icp_prefix": _("ICP number prefix"),
            "icp_prefix_alt": _("Second ICP number prefix"),
            "individual_residency": _("Household registration of individuals"),
            "min_age": _("Minimum age of an individual"),
            "local_phone_required": _("Local mobile number required"),
            "head_must_be_legal_rep": _("Person in charge must be the legal representative"),
            "domain_min_months": _("Domain held for at least (months)"),
            "max_domains_per_order": _("Most domains per filing"),
            "individual_name_blacklist": _("Words individuals' website names may not use"),
            "individual_name_forms": _("Forms of individuals' website names"),
            "extra_pre_approval_categories": _("Regional pre-approval categories"),
            "individual_excluded_tlds": _("Top-level domains individuals cannot file"),
            "review_workdays": _("MIIT review time (working days)"),
            "second_approval_required": _("Second approval (four eyes)"),
            "mailing_rule": _("Paper materials by post"),
            "sms_required": _("MIIT verifies by SMS"),
            "empty_entity_must_cancel": _("An entity left without websites must cancel its filing"),
            "psb_prefix": _("PSB number prefix"),
        }
        help_texts = {
            "min_age": _("Empty: no minimum."),
            "max_domains_per_order": _("Empty: no limit."),
            "mailing_rule": _(
                "Empty: never. always: every filing. Or thresholds on the domains the entity will hold: "
                "individual>5;organization>31."
            ),
            "extra_pre_approval_categories": _(
                "Categories offered only in some regions, space-separated, from: news publishing drugs_medical "
                "culture audio_video education health_care ride_hailing finance."
            ),
        }

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if not _REGION_CODE.match(code):
            raise ValidationError(_("Enter the region's ISO 3166-2 code, such as CN-BJ."), code="region_code")
        return code

    def clean_division(self) -> str:
        division = self.cleaned_data["division"].strip()
        if not _DIVISION.match(division):
            raise ValidationError(
                _("Enter the first two digits of the region's division code, such as 11."), code="division"
            )
        return division

    def _one_han(self, field: str, *, required: bool) -> str:
        value = self.cleaned_data[field].strip()
        if (value or required) and not _HAN.match(value):
            raise ValidationError(
                _("Enter the one Chinese character of the number's prefix, such as 京."), code="icp_prefix"
            )
        return value

    def clean_icp_prefix(self) -> str:
        return self._one_han("icp_prefix", required=True)

    def clean_icp_prefix_alt(self) -> str:
        return self._one_han("icp_prefix_alt", required=False)

    def clean_psb_prefix(self) -> str:
        value = self.cleaned_data["psb_prefix"].strip()
        if value and not (value.endswith(PSB_SUFFIX) and len(value) > len(PSB_SUFFIX)):
            raise ValidationError(
                _("A PSB prefix is the region's character followed by 公网安备, such as 京公网安备."),
                code="psb_prefix",
            )
        return value

    def clean_mailing_rule(self) -> str:
        """``""``, ``always`` or ``individual>5;organization>31`` (``Region.requires_mailing`` reads it)."""
        rule = self.cleaned_data["mailing_rule"].strip()
        if rule in ("", "always"):
            return rule
        groups = []
        for clause in rule.split(";"):
            match = _MAILING_CLAUSE.match(clause.replace(" ", ""))
            if not match or match.group(1) in groups:
                raise ValidationError(
                    _(
                        "Leave empty (never), write always, or give thresholds such as "
                        "individual>5;organization>31 (each group once)."
                    ),
                    code="mailing_rule",
                )
            groups.append(match.group(1))
        return ";".join(clause.replace(" ", "") for clause in rule.split(";"))

    def clean_individual_name_blacklist(self) -> str:
        return " ".join(_words(self.cleaned_data["individual_name_blacklist"]))

    def clean_individual_name_forms(self) -> str:
        forms_ = _words(self.cleaned_data["individual_name_forms"])
        wrong = [form for form in forms_ if NAME_FORM_PLACEHOLDER not in form]
        if wrong:
            raise ValidationError(
                _("Each form must contain 某某 where the owner's name goes: %(forms)s"),
                code="name_form",
                params={"forms": ", ".join(wrong)},
            )
        return "\n".join(forms_)

    def clean_extra_pre_approval_categories(self) -> str:
        categories = _words(self.cleaned_data["extra_pre_approval_categories"])
        unknown = [category for category in categories if category not in PRE_APPROVAL_CATEGORIES]
        if unknown:
            raise ValidationError(
                _("Unknown pre-approval categories: %(unknown)s. The categories are: %(known)s."),
                code="pre_approval_category",
                params={"unknown": ", ".join(unknown), "known": ", ".join(PRE_APPROVAL_CATEGORIES)},
            )
        return " ".join(categories)

    def clean_individual_excluded_tlds(self) -> str:
        tlds = [clean_tld(tld) for tld in _words(self.cleaned_data["individual_excluded_tlds"])]
        approved = set(ApprovedTld.objects.filter(name__in=tlds).values_list("name", flat=True))
        unknown = [tld for tld in tlds if tld not in approved]
        if unknown:
            raise ValidationError(
                _("Not in the approved top-level domains: %(tlds)s."),
                code="tld_not_approved",
                params={"tlds": ", ".join(unknown)},
            )
        return " ".join(dict.fromkeys(tlds))

    def clean_min_age(self) -> int | None:
        age = self.cleaned_data["min_age"]
        if age is not None and not 14 <= age <= 30:
            raise ValidationError(_("A minimum age is between 14 and 30 years."), code="min_age")
        return age

    def clean_review_workdays(self) -> int:
        workdays = self.cleaned_data["review_workdays"]
        if not 1 <= workdays <= 60:
            raise ValidationError(_("MIIT's review takes between 1 and 60 working days."), code="workdays")
        return workdays

    def clean_max_domains_per_order(self) -> int | None:
        count = self.cleaned_data["max_domains_per_order"]
        if count is not None and count < 1:
            raise ValidationError(_("Leave empty for no limit, or allow at least one domain."), code="max")
        return count


class ApprovedTldAdminForm(forms.ModelForm):
    class Meta:
        model = ApprovedTld
        fields = ("name", "active")

    def clean_name(self) -> str:
        return clean_tld(self.cleaned_data["name"])


class SensitiveWordAdminForm(forms.ModelForm):
    class Meta:
        model = SensitiveWord
        fields = ("word",)

    def clean_word(self) -> str:
        # Website names are compared as typed, after NFKC (full-width letters become half-width).
        word = unicodedata.normalize("NFKC", self.cleaned_data["word"]).strip()
        if not word or any(character.isspace() for character in word):
            raise ValidationError(_("Enter one word, without spaces."), code="word")
        return word
