"""The simulated outside world in the operators' admin, registered only while the settings make each simulator
the configured gateway (``MIIT_GATEWAY``, ``REGISTRAR_GATEWAY``, ``LIVENESS_GATEWAY``); each page also checks
on every request (``SimulatorAdminMixin``). MIIT's pages are in ``admin_miit.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.identity import normalise_certificate_number
from simulators.admin_common import SimulatorAdminMixin, certificate_number_field
from simulators.admin_miit import REGISTRATIONS as MIIT_REGISTRATIONS
from simulators.configured import simulated
from simulators.liveness import set_outcome_certificate
from simulators.models import FaceCheck, FaceCheckOutcome, RegistrarDomainRecord, SmsInboxMessage
from simulators.registrar import ascii_domain, set_holder_certificate


# --- The registrar ------------------------------------------------------------------------------------------
class RegistrarDomainRecordForm(forms.ModelForm):
    holder_certificate_number = certificate_number_field(
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


class RegistrarDomainRecordAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """What the registrar answers about a domain (holder, real-name date, expiry): the registrar checks."""

    gateway_setting = "REGISTRAR_GATEWAY"
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


# --- Face verification --------------------------------------------------------------------------------------
class FaceCheckOutcomeForm(forms.ModelForm):
    certificate_number = certificate_number_field(
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


class FaceCheckOutcomeAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """A failure staged for the next face check of a person or a certificate (a check passes otherwise)."""

    gateway_setting = "LIVENESS_GATEWAY"
    form = FaceCheckOutcomeForm
    list_display = ("created_at", "person_reference", "certificate_masked", "reason", "consumed_at")
    list_filter = (("consumed_at", admin.EmptyFieldListFilter),)
    search_fields = ("person_reference",)
    readonly_fields = ("certificate_masked", "consumed_at", "consumed_by")


class FaceCheckAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """The provider's record of checks: read only, the portal's own record is what counts."""

    gateway_setting = "LIVENESS_GATEWAY"
    list_display = ("reference", "person_reference", "certificate_masked", "status", "reason", "decided_at")
    list_filter = ("status",)
    search_fields = ("reference", "person_reference")
    exclude = ("certificate_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- The phones ---------------------------------------------------------------------------------------------
class SmsInboxMessageAdmin(SimulatorAdminMixin, admin.ModelAdmin):
    """What the phones received (MIIT's codes): read only."""

    list_display = ("sent_at", "mobile", "sender", "text")
    list_filter = ("sender",)
    search_fields = ("mobile",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


REGISTRATIONS = {
    "MIIT_GATEWAY": [*MIIT_REGISTRATIONS, (SmsInboxMessage, SmsInboxMessageAdmin)],
    "REGISTRAR_GATEWAY": [(RegistrarDomainRecord, RegistrarDomainRecordAdmin)],
    "LIVENESS_GATEWAY": [(FaceCheckOutcome, FaceCheckOutcomeAdmin), (FaceCheck, FaceCheckAdmin)],
}

for setting_name, registrations in REGISTRATIONS.items():
    if simulated(setting_name):
        for model, model_admin in registrations:
            model_admin.gateway_setting = setting_name
            admin.site.register(model, model_admin)
