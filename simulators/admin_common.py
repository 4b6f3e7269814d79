"""What the simulators' admin pages share: they exist only while their simulator is the configured gateway,
and identity numbers typed into them are kept as the outside world keeps them (a keyed hash, a masked copy)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.identity import normalise_certificate_number
from entities.models import Region
from simulators.configured import simulated


class SimulatorAdminMixin:
    """Hidden and refused (403) while ``gateway_setting`` names a real gateway, decided on every request, so a
    deployment that switches to the real MIIT shows no staging pages even if the admin was loaded before."""

    gateway_setting = "MIIT_GATEWAY"

    def _simulated(self) -> bool:
        return simulated(self.gateway_setting)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._simulated() and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._simulated() and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._simulated() and super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._simulated() and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._simulated() and super().has_delete_permission(request, obj)


def certificate_number_field(label: str, *, required: bool, help_text: str) -> forms.CharField:
    """A clear-text number typed by the operator: hashed on save, never rendered back."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=40,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def clean_certificate_number(value: str) -> str:
    number = normalise_certificate_number(value)
    if not number:
        raise forms.ValidationError(_("Enter the certificate number."))
    return number


def region_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} {name}") for code, name in Region.objects.values_list("code", "name_zh")]
