"""The instance form of the admin: an operator registering or correcting an instance by hand types what the
cloud's inventory would have sent, so each value is checked the way qualification reads it."""

from __future__ import annotations

import ipaddress
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from instances.models import Billing, Instance

_INSTANCE_ID = re.compile(r"^[a-z][a-z0-9]*-[a-z0-9][a-z0-9-]{2,60}$")
_CLOUD_REGION = re.compile(r"^[a-z]{2}(-[a-z0-9]+)+$")
# The cloud's regions named cn-… are in the Mainland, except Hong Kong.
_NOT_MAINLAND = {"cn-hongkong"}


def is_mainland_region(cloud_region: str) -> bool:
    return cloud_region.startswith("cn-") and cloud_region not in _NOT_MAINLAND


class InstanceAdminForm(forms.ModelForm):
    class Meta:
        model = Instance
        fields = (
            "owner",
            "instance_id",
            "kind",
            "cloud_region",
            "is_mainland",
            "public_ip",
            "billing",
            "expires_at",
        )

    def clean_instance_id(self) -> str:
        instance_id = self.cleaned_data["instance_id"].strip()
        if not _INSTANCE_ID.match(instance_id):
            raise ValidationError(
                _("Enter the cloud's instance id, such as i-bp1abc2def3gh (lower case, with its prefix)."),
                code="instance_id",
            )
        return instance_id

    def clean_cloud_region(self) -> str:
        cloud_region = self.cleaned_data["cloud_region"].strip().lower()
        if not _CLOUD_REGION.match(cloud_region):
            raise ValidationError(
                _("Enter the cloud's region id, such as cn-hangzhou or ap-southeast-1."), code="cloud_region"
            )
        return cloud_region

    def clean_public_ip(self) -> str | None:
        address = self.cleaned_data["public_ip"]
        if address and not ipaddress.ip_address(address).is_global:
            raise ValidationError(
                _("%(address)s is a private or reserved address; enter the instance's public IP."),
                code="public_ip",
                params={"address": address},
            )
        return address

    def clean(self) -> dict:
        cleaned = super().clean()
        cloud_region = cleaned.get("cloud_region")
        if cloud_region and cleaned.get("is_mainland") != is_mainland_region(cloud_region):
            # Qualification trusts the flag (instances.services.instance_problems): it must match the region.
            self.add_error(
                "is_mainland",
                ValidationError(
                    _("“Mainland” must match the cloud region %(region)s."),
                    code="is_mainland",
                    params={"region": cloud_region},
                ),
            )
        if cleaned.get("billing") == Billing.SUBSCRIPTION and not cleaned.get("expires_at"):
            self.add_error(
                "expires_at",
                ValidationError(_("A subscription has an expiry date."), code="expires_at"),
            )
        return cleaned
