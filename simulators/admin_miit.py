"""The simulated MIIT in the admin: stage its registry (an entity and its websites at some provider, a domain
filed by another entity, an open order, an abnormal certificate), set how it decides, and run its review and
the portal's outcome job now. Registered by ``simulators/admin.py`` while MIIT is simulated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from common.admin import NoDeleteAdminMixin
from common.identity import mask_identity
from entities.models import CertificateType, EntityNature, Region
from simulators.admin_common import (
    SimulatorAdminMixin,
    certificate_number_field,
    clean_certificate_number,
    region_choices,
)
from simulators.miit import certificate_hash, stage_registry_entity
from simulators.models import (
    MiitAbnormalCertificate,
    MiitOpenOrder,
    MiitRegistryEntity,
    MiitRegistryWebsite,
    MiitReviewRules,
    MiitSubmission,
    MiitSubmissionStatus,
)
from simulators.open_orders import set_open_order_certificate
from simulators.outcome_job import decide_now, run_outcome_job_now
from simulators.registrar import ascii_domain


# --- The registry -------------------------------------------------------------------------------------------
class RegistryStagingForm(forms.ModelForm):
    """An entity as MIIT has filed it, with its websites: MIIT issues the numbers, the certificate is hashed.

    With websites at another provider it plays "filed elsewhere" (a new website is then
    ``new_website_entity_elsewhere``); without a provider, "entity without access"; a domain staged here
    under one entity is "filed under another entity" for anyone else's filing.
    """

    certificate_type = forms.ChoiceField(label=_("Certificate type"), choices=CertificateType.choices)
    certificate_number = certificate_number_field(
        _("Certificate number"), required=True, help_text=_("Kept as a keyed hash and a masked copy.")
    )
    region_code = forms.ChoiceField(label=_("Region"), choices=region_choices)
    nature = forms.ChoiceField(label=_("Nature"), choices=EntityNature.choices)
    name = forms.CharField(label=_("Name"), max_length=128)
    websites = forms.CharField(
        label=_("Websites"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "example.com 山水摄影集"}),
        help_text=_("One website a line: the domain, a space, the website's name."),
    )
    access_providers = forms.CharField(
        label=_("Access providers of these websites"),
        required=False,
        initial="OTHERCLOUD",
        max_length=200,
        help_text=_(
            "Provider codes separated by spaces (this portal's is %(code)s). Empty: the websites have no "
            "access anywhere."
        ),
    )

    class Meta:
        model = MiitRegistryEntity
        fields = ("certificate_type", "region_code", "nature", "name")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["access_providers"]
        field.help_text = field.help_text % {"code": settings.PROVIDER_CODE}

    def clean_certificate_number(self) -> str:
        return clean_certificate_number(self.cleaned_data["certificate_number"])

    def clean_websites(self) -> list[tuple[str, str]]:
        websites, errors = [], []
        for line in self.cleaned_data["websites"].splitlines():
            if not line.strip():
                continue
            typed, _space, name = line.strip().partition(" ")
            domain = ascii_domain(typed)
            if domain is None:
                errors.append(_("%(domain)s is not a domain name.") % {"domain": typed})
            elif (
                domain in {d for d, _n in websites}
                or MiitRegistryWebsite.objects.filter(domain=domain).exists()
            ):
                errors.append(_("%(domain)s is already in the registry.") % {"domain": domain})
            else:
                websites.append((domain, name.strip()[:64] or domain))
        if errors:
            raise forms.ValidationError(errors)
        return websites

    def clean_access_providers(self) -> list[str]:
        return [code.upper() for code in self.cleaned_data["access_providers"].split()]

    def save(self, commit: bool = True) -> MiitRegistryEntity:
        """The registry's own staging: numbers issued by MIIT's sequence, websites numbered ``-1``, ``-2`` …"""
        data = self.cleaned_data
        with transaction.atomic():
            entity = stage_registry_entity(
                certificate_type=data["certificate_type"],
                certificate_number=data["certificate_number"],
                region_code=data["region_code"],
                nature=data["nature"],
                name=data["name"],
                websites=[(domain, name, data["access_providers"]) for domain, name in data["websites"]],
            )
        self.instance = entity
        self.save_m2m = lambda: None  # the admin calls it after save(commit=False); nothing to add
        return entity


class MiitRegistryWebsiteInline(SimulatorAdminMixin, admin.TabularInline):
    model = MiitRegistryWebsite
    extra = 0
    fields = ("domain", "name", "website_number", "access_providers")
    readonly_fields = ("domain", "website_number")  # the simulated MIIT numbers websites itself

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # staged with the entity, which numbers the website


class MiitRegistryEntityAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    list_display = ("icp_number", "name", "nature", "certificate_type", "certificate_masked", "region_code")
    list_filter = ("region_code", "nature")
    search_fields = ("icp_number", "name", "websites__domain")
    exclude = ("certificate_hash",)
    readonly_fields = ("icp_number", "certificate_masked", "last_website_index")
    inlines = [MiitRegistryWebsiteInline]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:  # adding is staging: the form that hashes the number and lets MIIT issue numbers
            kwargs["form"] = RegistryStagingForm
            kwargs["fields"] = None
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [
                (
                    _("The entity"),
                    {"fields": ("certificate_type", "certificate_number", "region_code", "nature", "name")},
                ),
                (
                    _("Its websites"),
                    {
                        "fields": ("websites", "access_providers"),
                        "description": _(
                            "What a new filing of this entity then meets: websites at another provider make a "
                            "new website “filed through another provider”; no access provider, “an entity "
                            "without websites”; a domain staged here is “filed under another entity” for "
                            "anyone else's filing of it."
                        ),
                    },
                ),
            ]
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request: HttpRequest, obj: Any) -> Any:
        return self.inlines if obj is not None else []


class MiitAbnormalCertificateForm(forms.ModelForm):
    certificate_number = certificate_number_field(
        _("certificate number"), required=True, help_text=_("Kept as a keyed hash and a masked copy.")
    )

    class Meta:
        model = MiitAbnormalCertificate
        fields = ("note",)

    def clean_certificate_number(self) -> str:
        number = clean_certificate_number(self.cleaned_data["certificate_number"])
        if MiitAbnormalCertificate.objects.filter(certificate_hash=certificate_hash(number)).exists():
            raise forms.ValidationError(_("This certificate is already marked abnormal."))
        return number

    def save(self, commit: bool = True) -> MiitAbnormalCertificate:
        row = super().save(commit=False)
        row.certificate_hash = certificate_hash(self.cleaned_data["certificate_number"])
        row.certificate_masked = mask_identity(self.cleaned_data["certificate_number"])
        if commit:
            row.save()
        return row


class MiitAbnormalCertificateAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """MIIT returns every filing of a certificate staged here (``entity_abnormal``); delete the row to clear it."""

    form = MiitAbnormalCertificateForm
    list_display = ("certificate_masked", "note")
    search_fields = ("note",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the number is not kept: add and delete only


class MiitOpenOrderForm(forms.ModelForm):
    certificate_type = forms.ChoiceField(label=_("certificate type"), choices=CertificateType.choices)
    certificate_number = certificate_number_field(
        _("certificate number"), required=True, help_text=_("Kept as a keyed hash and a masked copy.")
    )

    class Meta:
        model = MiitOpenOrder
        fields = ("certificate_type", "region_code", "provider_code")

    def clean_certificate_number(self) -> str:
        return clean_certificate_number(self.cleaned_data["certificate_number"])

    def clean_region_code(self) -> str:
        code = self.cleaned_data["region_code"]
        if not Region.objects.filter(code=code).exists():
            raise forms.ValidationError(_("Unknown region code."))
        return code

    def save(self, commit: bool = True) -> MiitOpenOrder:
        order = super().save(commit=False)
        set_open_order_certificate(order, self.cleaned_data["certificate_number"])
        if commit:
            order.save()
        return order


class MiitOpenOrderAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """Staged open orders: added and deleted (to close one), never edited (the number is not kept)."""

    form = MiitOpenOrderForm
    list_display = ("created_at", "certificate_type", "certificate_masked", "region_code", "provider_code")
    list_filter = ("region_code", "provider_code")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- How MIIT decides ---------------------------------------------------------------------------------------
class MiitReviewRulesAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """One row: the delay and the returns on demand (``simulators/rules.py``)."""

    list_display = ("__str__", "review_delay_seconds", "return_every_submission", "returned_domain_words")
    fieldsets = [
        (None, {"fields": ("review_delay_seconds",)}),
        (
            _("Returns on demand (the registry's own rules always apply)"),
            {
                "fields": (
                    "return_every_submission",
                    "returned_domain_words",
                    "return_code",
                    "return_message",
                ),
                "description": _(
                    "MIIT always returns an abnormal certificate, an individual's website name on the region's "
                    "blacklist and a domain another entity filed."
                ),
            },
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not MiitReviewRules.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # emptied, not removed: the settings' defaults are one field away


# --- Submissions and the outcome job ------------------------------------------------------------------------
class MiitSubmissionAdmin(SimulatorAdminMixin, NoDeleteAdminMixin, admin.ModelAdmin):
    """What a provider handed to MIIT and what MIIT decided: the portal's filings point at it by reference."""

    change_list_template = "admin/simulators/miitsubmission/change_list.html"
    list_display = ("reference", "filing_type", "region_code", "status", "decide_at", "decided_at")
    list_filter = ("status", "filing_type")
    search_fields = ("reference",)
    exclude = ("certificate_hash",)
    readonly_fields = (
        "idempotency_key",
        "reference",
        "provider_code",
        "status",
        "entity_number",
        "website_numbers",
        "decided_at",
    )
    actions = ["decide_selected_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a submission is what a provider handed over, never typed in

    def get_urls(self) -> list[Any]:
        run = self.admin_site.admin_view(require_POST(self.run_outcome_job_view))
        return [path("run-outcome-job/", run, name="simulators_miit_run_outcome_job"), *super().get_urls()]

    def run_outcome_job_view(self, request: HttpRequest) -> HttpResponse:
        """The button: MIIT decides what is due, then the portal's outcome job runs at once."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        decided, waiting = run_outcome_job_now()
        messages.success(
            request,
            ngettext(
                "MIIT decided %(decided)d submission; %(waiting)d filings are still in MIIT review.",
                "MIIT decided %(decided)d submissions; %(waiting)d filings are still in MIIT review.",
                decided,
            )
            % {"decided": decided, "waiting": waiting},
        )
        return HttpResponseRedirect(reverse("admin:simulators_miitsubmission_changelist"))

    @admin.action(description=_("Decide the selected submissions now (skip MIIT's delay)"))
    def decide_selected_now(self, request: HttpRequest, queryset: Any) -> None:
        ids = list(queryset.filter(status=MiitSubmissionStatus.IN_REVIEW).values_list("pk", flat=True))
        decided = decide_now(ids)
        messages.success(
            request,
            ngettext(
                "MIIT decided %(count)d submission; the portal is told as by MIIT's callback.",
                "MIIT decided %(count)d submissions; the portal is told as by MIIT's callback.",
                decided,
            )
            % {"count": decided},
        )


REGISTRATIONS = [
    (MiitRegistryEntity, MiitRegistryEntityAdmin),
    (MiitAbnormalCertificate, MiitAbnormalCertificateAdmin),
    (MiitOpenOrder, MiitOpenOrderAdmin),
    (MiitReviewRules, MiitReviewRulesAdmin),
    (MiitSubmission, MiitSubmissionAdmin),
]
