"""The forms of step 3, one per part of the service's field paths: ``entity``, ``entity-head``,
``websites-<i>``, ``websites-<i>-head`` and each pre-approval document ``websites-<i>-pre_approvals-<j>``.

The forms parse and shape only; every rule (required fields, the door number, the mobile's region, the
website name) runs in ``services.filing_save_information``, whose refusal lands beside these fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.widget_rendering import PortalForm
from entities.models import CertificateType, Person, Website
from entities.rules.identity import INDIVIDUAL_CERTIFICATE_TYPES
from entities.rules.websites import PRE_APPROVAL_CATEGORIES
from filings.pages.divisions import AddressField

NONE_OF_THE_ABOVE = "none"
CONTENT_TYPES = (
    ("other", gettext_lazy("Other (其他)")),
    ("company", gettext_lazy("Company or organisation homepage (单位门户网站)")),
    ("e_commerce", gettext_lazy("Online shop (网上购物)")),
    ("portal", gettext_lazy("General portal (综合门户)")),
    ("search", gettext_lazy("Search engine (搜索引擎)")),
    ("blog", gettext_lazy("Blog or personal space (博客/个人空间)")),
    ("news", gettext_lazy("News (新闻)")),
)
LANGUAGES = (
    ("zh-hans", gettext_lazy("Chinese, simplified")),
    ("zh-hant", gettext_lazy("Chinese, traditional")),
    ("en", gettext_lazy("English")),
    ("ja", gettext_lazy("Japanese")),
    ("ko", gettext_lazy("Korean")),
    ("ru", gettext_lazy("Russian")),
    ("fr", gettext_lazy("French")),
    ("de", gettext_lazy("German")),
    ("es", gettext_lazy("Spanish")),
    ("ar", gettext_lazy("Arabic")),
)
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"autocomplete": "off", "spellcheck": "false"}


class ServiceChecked(PortalForm):
    """A form whose ``asked`` fields are marked as needed (no "optional" beside them) while the check that
    they are given stays with the service, which says so beside the field: "save and come back later" may
    leave them blank, and a page never repeats a service's rule."""

    asked: tuple[str, ...] = ()
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.asked:
            self.fields[name].required = True

    def full_clean(self) -> None:
        marked = {name: field.required for name, field in self.fields.items()}
        for field in self.fields.values():
            field.required = False
        try:
            super().full_clean()
        finally:
            for name, required in marked.items():
                self.fields[name].required = required


class PageForm(ServiceChecked):
    """A form that knows the reasons of a returned filing for each of its fields (``rows`` for templates)."""

    skipped: tuple[str, ...] = ()

    def __init__(self, *args: Any, reasons: dict[str, list[Any]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reasons = reasons or {}

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"bound": self[name], "reasons": self.reasons.get(name, [])}
            for name in self.fields
            if name not in self.skipped
        ]

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name)


class EntityForm(PageForm):
    asked = ("name", "certificate_address", "mailing_address")

    name = forms.CharField(
        required=False,
        max_length=128,
        label=gettext_lazy("Name of the entity"),
        help_text=gettext_lazy(
            "Exactly as on the certificate: MIIT compares it with the certificate and the domain's holder."
        ),
    )
    certificate_address = AddressField(
        label=gettext_lazy("Address on the certificate (证件住所)"),
        help_text=gettext_lazy("As printed on the certificate."),
    )
    mailing_address = AddressField(
        label=gettext_lazy("Mailing address"),
        help_text=gettext_lazy(
            "Where post reaches the entity, down to the door number (such as 文三路90号 or 3-2-501): "
            "MIIT and the provider may send letters there."
        ),
    )
    certificate_valid_until = forms.DateField(
        required=False,
        widget=DATE_WIDGET,
        label=gettext_lazy("Certificate valid until"),
        help_text=gettext_lazy(
            "Leave blank for a long-term (长期) certificate. At least 3 months must be left."
        ),
    )

    def __init__(self, *args: Any, divisions_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("certificate_address", "mailing_address"):
            self.fields[name].widget.divisions_url = divisions_url

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        data["certificate_valid_until"] = self.cleaned_data.get("certificate_valid_until")
        return data


class PersonForm(PageForm):
    """A person in charge. The certificate number is shown masked and left blank to keep the stored one."""

    asked = ("name", "certificate_type", "mobile", "emergency_phone", "email")

    name = forms.CharField(required=False, max_length=64, label=gettext_lazy("Name"))
    certificate_type = forms.ChoiceField(
        required=False,
        choices=[
            (value, label)
            for value, label in CertificateType.choices
            if value in INDIVIDUAL_CERTIFICATE_TYPES
        ],
        label=gettext_lazy("Certificate type"),
        help_text=gettext_lazy(
            "A personal certificate: resident ID, passport, travel permit or residence permit."
        ),
    )
    certificate_number = forms.CharField(
        required=False,
        max_length=64,
        label=gettext_lazy("Certificate number"),
        widget=forms.TextInput(attrs=TEXT),
    )
    certificate_valid_until = forms.DateField(
        required=False,
        widget=DATE_WIDGET,
        label=gettext_lazy("Certificate valid until"),
        help_text=gettext_lazy(
            "Leave blank for a long-term (长期) certificate. At least 3 months must be left."
        ),
    )
    mobile = forms.CharField(
        required=False,
        max_length=20,
        label=gettext_lazy("Mobile number"),
        help_text=gettext_lazy(
            "A Mainland China mobile number. MIIT may send verification codes to it. In some regions its home "
            "province (from its first digits) must be the filing's region. One number belongs to one entity."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    emergency_phone = forms.CharField(
        required=False,
        max_length=20,
        label=gettext_lazy("Emergency phone"),
        help_text=gettext_lazy("Another number to reach this person: a landline with its area code is fine."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    email = forms.CharField(
        required=False,
        max_length=254,
        label=gettext_lazy("Email"),
        help_text=gettext_lazy("Different people in charge do not share a mobile or an email."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    is_legal_representative = forms.BooleanField(
        required=False,
        label=gettext_lazy("This person is the legal representative"),
        help_text=gettext_lazy("Where the region asks for it, someone else needs an authorisation letter."),
    )

    def __init__(
        self, *args: Any, person: Person | None = None, individual: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.individual = individual
        self.fields["certificate_number"].required = person is None or not person.certificate_number_masked
        if individual:
            self.skipped = ("is_legal_representative",)
        if person is not None and person.certificate_number_masked:
            self.fields["certificate_number"].help_text = _(
                "Stored: %(masked)s. Leave blank to keep it; type the whole number to change it."
            ) % {"masked": person.certificate_number_masked}
        elif individual:
            self.fields["certificate_number"].help_text = _(
                "An individual is their own person in charge: the entity's number."
            )

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        for name in ("name", "certificate_type", "certificate_number", "mobile", "emergency_phone", "email"):
            data[name] = (data[name] or "").strip()
        if self.individual and self.person is not None:
            data["is_legal_representative"] = self.person.is_legal_representative
        return data


def person_initial(person: Person | None) -> dict[str, Any]:
    if person is None:
        return {}
    return {
        "name": person.name,
        "certificate_type": person.certificate_type,
        "certificate_valid_until": person.certificate_valid_until,
        "mobile": person.mobile,
        "emergency_phone": person.emergency_phone,
        "email": person.email,
        "is_legal_representative": person.is_legal_representative,
    }


class WebsiteForm(PageForm):
    skipped = ("pre_approvals", "own_head")
    asked = ("name", "homepage_url", "content_type", "pre_approvals")

    name = forms.CharField(
        required=False,
        max_length=64,
        label=gettext_lazy("Website name"),
        help_text=gettext_lazy(
            "At least 3 Chinese characters, not only digits or Latin letters, not the domain. An organisation's "
            "website name relates to its name or products; an individual's names no organisation, trade, "
            "product, person or place, and avoids words such as 网站, 论坛, 平台, 官网."
        ),
    )
    homepage_url = forms.CharField(
        required=False,
        max_length=200,
        label=gettext_lazy("Homepage address"),
        help_text=gettext_lazy("On this website's domain, starting with http:// or https://."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "url"}),
    )
    content_type = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("Choose the content type")), *CONTENT_TYPES],
        label=gettext_lazy("Content type"),
        help_text=gettext_lazy("An individual's website can only be “other”."),
    )
    languages = forms.MultipleChoiceField(
        required=False,
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Languages of the website"),
    )
    pre_approvals = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Pre-approval (前置审批)"),
        help_text=gettext_lazy(
            "Content in these fields needs the approval of its authority before filing; give the approval "
            "document of each one chosen. Choose “none of the above” if none applies."
        ),
    )
    own_head = forms.BooleanField(
        required=False, label=gettext_lazy("This website has its own person in charge")
    )

    def __init__(self, *args: Any, website: Website, categories: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.website = website
        self.categories = categories
        for name, choices in (("content_type", CONTENT_TYPES), ("languages", LANGUAGES)):
            known = {value for value, _label in choices}
            stored = stored_languages(website.languages) if name == "languages" else [website.content_type]
            extra = [(value, value) for value in stored if value and value not in known]
            self.fields[name].choices = [*self.fields[name].choices, *extra]
        self.fields["pre_approvals"].choices = [
            *[(category, _category_label(category)) for category in categories],
            (NONE_OF_THE_ABOVE, _("None of the above")),
        ]


def _category_label(category: str) -> str:
    chinese, english = PRE_APPROVAL_CATEGORIES[category]
    return f"{english} ({chinese})"


def stored_languages(text: str) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


def website_initial(website: Website) -> dict[str, Any]:
    stored = website.pre_approvals
    chosen = [str(item.get("category")) for item in stored or [] if isinstance(item, dict)]
    return {
        "name": website.name,
        "homepage_url": website.homepage_url,
        "content_type": website.content_type,
        "languages": stored_languages(website.languages),
        "pre_approvals": chosen or ([NONE_OF_THE_ABOVE] if stored == [] else []),
    }


class PreApprovalForm(PageForm):
    """The approval document of one category (``websites-<i>-pre_approval-<category>``)."""

    asked = ("number", "issuer", "valid_until")

    number = forms.CharField(required=False, max_length=64, label=gettext_lazy("Approval number"))
    issuer = forms.CharField(required=False, max_length=128, label=gettext_lazy("Issued by"))
    valid_until = forms.DateField(required=False, widget=DATE_WIDGET, label=gettext_lazy("Valid until"))

    def __init__(self, *args: Any, category: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        self.label = _category_label(category)

    def service_data(self) -> dict[str, Any]:
        valid_until = self.cleaned_data.get("valid_until")
        return {
            "category": self.category,
            "number": (self.cleaned_data.get("number") or "").strip(),
            "issuer": (self.cleaned_data.get("issuer") or "").strip(),
            # Stored as JSON: the date as ISO text, which the rules read back.
            "valid_until": valid_until.isoformat() if isinstance(valid_until, dt.date) else None,
        }


def pre_approval_initial(website: Website, category: str) -> dict[str, Any]:
    for item in website.pre_approvals or []:
        if isinstance(item, dict) and item.get("category") == category:
            valid_until = item.get("valid_until")
            try:
                valid = dt.date.fromisoformat(valid_until) if isinstance(valid_until, str) else None
            except ValueError:
                valid = None
            return {"number": item.get("number", ""), "issuer": item.get("issuer", ""), "valid_until": valid}
    return {}


def website_data(form: WebsiteForm, documents: list[PreApprovalForm]) -> dict[str, Any]:
    """One website's service data (its ``head`` is added by the page). Pre-approvals: ``None`` while
    unanswered, ``[]`` for "none of the above", else each chosen category with its document."""
    chosen = form.cleaned_data.get("pre_approvals") or []
    categories = [category for category in chosen if category != NONE_OF_THE_ABOVE]
    pre_approvals: list[dict[str, Any]] | None
    if categories:
        pre_approvals = [doc.service_data() for doc in documents if doc.category in categories]
    elif chosen or not form.categories:
        pre_approvals = []  # "none of the above", or nothing is offered (an individual's website)
    else:
        pre_approvals = None
    return {
        "name": (form.cleaned_data.get("name") or "").strip(),
        "homepage_url": (form.cleaned_data.get("homepage_url") or "").strip(),
        "content_type": form.cleaned_data.get("content_type") or "",
        "languages": ",".join(form.cleaned_data.get("languages") or []),
        "pre_approvals": pre_approvals,
    }
