from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import NoDeleteAdminMixin
from common.identity import normalise_certificate_number
from entities.models import CertificateType, Region
from simulators.liveness import set_outcome_certificate
from simulators.models import (
    FaceCheck,
    FaceCheckOutcome,
    MiitAbnormalCertificate,
    MiitOpenOrder,
    MiitRegistryEntity,
    MiitRegistryWebsite,
    MiitSubmission,
    RegistrarDomainRecord,
    SmsInboxMessage,
)
from simulators.open_orders import set_open_order_certificate
from simulators.registrar import ascii_domain, set_holder_certificate


class MiitRegistryWebsiteInline(admin.TabularInline):
    model = MiitRegistryWebsite
    extra = 0
    readonly_fields = ("website_number",)  # the simulated MIIT numbers websites itself

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # staged through the API, which numbers the website


@admin.register(MiitRegistryEntity)
class MiitRegistryEntityAdmin(admin.ModelAdmin):
    list_display = ("icp_number", "name", "nature", "certificate_type", "certificate_masked", "region_code")
    search_fields = ("icp_number", "name")
    exclude = ("certificate_hash",)
    readonly_fields = ("icp_number", "last_website_index")
    inlines = [MiitRegistryWebsiteInline]

    def has_add_permission(self, request) -> bool:
        # Staged through /api/v1/simulators/miit/registry/, which hashes the certificate and issues the
        # number; this form can do neither.
        return False


@admin.register(MiitSubmission)
class MiitSubmissionAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """What a provider handed to MIIT and what MIIT decided: the portal's filings point at it by reference."""

    list_display = ("reference", "filing_type", "region_code", "status", "decide_at", "decided_at")
    list_filter = ("status", "filing_type")
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


@admin.register(SmsInboxMessage)
class SmsInboxMessageAdmin(admin.ModelAdmin):
    list_display = ("sent_at", "mobile", "sender", "text")
    search_fields = ("mobile",)


admin.site.register(MiitAbnormalCertificate)


def _certificate_number_field(label: str, *, required: bool, help_text: str) -> forms.CharField:
    """A clear-text number typed by the operator: hashed on save, never rendered back."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class MiitOpenOrderForm(forms.ModelForm):
    certificate_type = forms.ChoiceField(label=_("certificate type"), choices=CertificateType.choices)
    certificate_number = _certificate_number_field(
        _("certificate number"), required=True, help_text=_("Kept as a keyed hash and a masked copy.")
    )

    class Meta:
        model = MiitOpenOrder
        fields = ("certificate_type", "region_code", "provider_code")

    def clean_certificate_number(self) -> str:
        number = normalise_certificate_number(self.cleaned_data["certificate_number"])
        if not number:
            raise forms.ValidationError(_("Enter the certificate number."))
        return number

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


@admin.register(MiitOpenOrder)
class MiitOpenOrderAdmin(admin.ModelAdmin):
    """Staged open orders: added and deleted (to close one), never edited (the number is not kept)."""

    form = MiitOpenOrderForm
    list_display = ("created_at", "certificate_type", "certificate_masked", "region_code", "provider_code")
    list_filter = ("region_code", "provider_code")

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RegistrarDomainRecordForm(forms.ModelForm):
    holder_certificate_number = _certificate_number_field(
        _("holder certificate number"),
        required=False,
        help_text=_("Kept as a keyed hash and a masked copy. Leave empty to keep the current number."),
    )

    class Meta:
        model = RegistrarDomainRecord
        fields = ("domain", "registrar", "holder_name", "real_name_verified_at", "expires_at")

    def clean_domain(self) -> str:
        name = ascii_domain(self.cleaned_data["domain"])
        if name is None:
            raise forms.ValidationError(_("Enter a domain name, such as example.com."))
        return name

    def clean_holder_certificate_number(self) -> str:
        number = normalise_certificate_number(self.cleaned_data["holder_certificate_number"])
        if not number and not self.instance.holder_certificate_hash:
            raise forms.ValidationError(_("Enter the holder's certificate number."))
        return number

    def save(self, commit: bool = True) -> RegistrarDomainRecord:
        record = super().save(commit=False)
        if self.cleaned_data["holder_certificate_number"]:
            set_holder_certificate(record, self.cleaned_data["holder_certificate_number"])
        if commit:
            record.save()
        return record


@admin.register(RegistrarDomainRecord)
class RegistrarDomainRecordAdmin(admin.ModelAdmin):
    form = RegistrarDomainRecordForm
    list_display = (
        "domain",
        "registrar",
        "holder_name",
        "holder_certificate_masked",
        "real_name_verified_at",
        "expires_at",
    )
    search_fields = ("domain", "holder_name")
    readonly_fields = ("holder_certificate_masked",)


class FaceCheckOutcomeForm(forms.ModelForm):
    certificate_number = _certificate_number_field(
        _("certificate number"),
        required=False,
        help_text=_(
            "Fail the next check of anyone with this certificate (kept as a keyed hash). "
            "Leave empty to keep the current one."
        ),
    )

    class Meta:
        model = FaceCheckOutcome
        fields = ("person_reference", "reason")

    def clean(self) -> dict:
        cleaned = super().clean()
        number = normalise_certificate_number(cleaned.get("certificate_number", ""))
        cleaned["certificate_number"] = number
        if not cleaned.get("person_reference") and not number and not self.instance.certificate_hash:
            raise forms.ValidationError(_("Name the person reference or the certificate number."))
        return cleaned

    def save(self, commit: bool = True) -> FaceCheckOutcome:
        outcome = super().save(commit=False)
        if self.cleaned_data["certificate_number"]:
            set_outcome_certificate(outcome, self.cleaned_data["certificate_number"])
        if commit:
            outcome.save()
        return outcome


@admin.register(FaceCheckOutcome)
class FaceCheckOutcomeAdmin(admin.ModelAdmin):
    form = FaceCheckOutcomeForm
    list_display = ("created_at", "person_reference", "certificate_masked", "reason", "consumed_at")
    list_filter = (("consumed_at", admin.EmptyFieldListFilter),)
    search_fields = ("person_reference",)
    readonly_fields = ("certificate_masked", "consumed_at", "consumed_by")


@admin.register(FaceCheck)
class FaceCheckAdmin(admin.ModelAdmin):
    """The provider's record of checks: read only, the portal's own record is what counts."""

    list_display = ("reference", "person_reference", "certificate_masked", "status", "reason", "decided_at")
    list_filter = ("status",)
    search_fields = ("reference", "person_reference")
    exclude = ("certificate_hash",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
