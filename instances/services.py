from __future__ import annotations

import calendar
import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from instances.models import SERVICE_NUMBERS_PER_INSTANCE, Billing, Instance, InstanceKind, ServiceNumber


@transaction.atomic
def instance_create(*, owner, instance_id: str, **fields) -> Instance:
    """Register an instance with its five service identification numbers (renewal adds none)."""
    instance = Instance.objects.create(owner=owner, instance_id=instance_id, **fields)
    ServiceNumber.objects.bulk_create(
        ServiceNumber(instance=instance, code=str(uuid.uuid4()).upper())
        for _ in range(SERVICE_NUMBERS_PER_INSTANCE)
    )
    return instance


def _months_later(moment: dt.datetime, months: int) -> dt.datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def instance_problems(instance: Instance, *, now: dt.datetime | None = None) -> list[str]:
    """Why an instance cannot host a filed website (an empty list when it qualifies)."""
    now = now or timezone.now()
    problems = []
    if not instance.is_mainland:
        problems.append(str(_("The instance is not in a Mainland China region.")))
    if not instance.public_ip:
        problems.append(str(_("The instance has no public IP address.")))
    if instance.billing != Billing.SUBSCRIPTION:
        problems.append(str(_("Pay-as-you-go instances do not qualify; a subscription is needed.")))
    months = 6 if instance.kind == InstanceKind.ELASTIC_WEB_HOSTING else 3
    if instance.expires_at is None or instance.expires_at < _months_later(now, months):
        problems.append(
            str(_("The subscription must have at least %(months)d months left.") % {"months": months})
        )
    return problems


def service_number_problems(service_number: ServiceNumber) -> list[str]:
    """Why a service number cannot be used for a new website (used for good, or its instance fails)."""
    if service_number.consumed_at is not None:
        return [str(_("This service number is already used by an approved website."))]
    return instance_problems(service_number.instance)
