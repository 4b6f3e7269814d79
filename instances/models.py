"""The provider's instance inventory and the service identification numbers (服务标识码) it hands out."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SERVICE_NUMBERS_PER_INSTANCE = 5


class InstanceKind(models.TextChoices):
    ECS = "ecs", _("Elastic Compute Service")
    LIGHTWEIGHT = "lightweight", _("Lightweight application server")
    VIRTUAL_HOST = "virtual_host", _("Virtual host")
    ELASTIC_WEB_HOSTING = "elastic_web_hosting", _("Elastic web hosting")


class Billing(models.TextChoices):
    SUBSCRIPTION = "subscription", _("Subscription")
    PAY_AS_YOU_GO = "pay_as_you_go", _("Pay-as-you-go")


class Instance(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="instances")
    instance_id = models.CharField(max_length=64, unique=True)  # the cloud's own id, e.g. i-bp1abc...
    kind = models.CharField(max_length=24, choices=InstanceKind.choices, default=InstanceKind.ECS)
    cloud_region = models.CharField(max_length=32)  # cn-hangzhou, ap-southeast-1 ...
    is_mainland = models.BooleanField(default=True)
    public_ip = models.GenericIPAddressField(null=True, blank=True)
    billing = models.CharField(max_length=16, choices=Billing.choices, default=Billing.SUBSCRIPTION)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.instance_id} ({self.cloud_region})"


class ServiceNumber(models.Model):
    """One of an instance's five numbers; a website uses one, and an approved website uses it for good."""

    code = models.CharField(max_length=40, unique=True)
    instance = models.ForeignKey(Instance, on_delete=models.CASCADE, related_name="service_numbers")
    consumed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Set when its website was approved")
    )

    def __str__(self) -> str:
        return self.code
