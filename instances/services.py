from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from common.problems import Problem, add_months, problem
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


def instance_problems(instance: Instance, *, field: str, now: dt.datetime | None = None) -> list[Problem]:
    """Why an instance cannot host a filed website (an empty list when it qualifies)."""
    now = now or timezone.now()
    found = []
    if not instance.is_mainland:
        found.append(
            problem(
                field,
                "instance_not_mainland",
                f"实例{instance.instance_id}不在中国内地地域",
                f"The instance {instance.instance_id} is not in a Mainland China region.",
            )
        )
    if not instance.public_ip:
        found.append(
            problem(
                field,
                "instance_no_public_ip",
                f"实例{instance.instance_id}没有公网IP",
                f"The instance {instance.instance_id} has no public IP address.",
            )
        )
    if instance.billing != Billing.SUBSCRIPTION:
        found.append(
            problem(
                field,
                "instance_pay_as_you_go",
                "按量付费实例不能用于备案，需为包年包月实例",
                "Pay-as-you-go instances do not qualify; a subscription is needed.",
            )
        )
    months = 6 if instance.kind == InstanceKind.ELASTIC_WEB_HOSTING else 3
    needed = add_months(timezone.localdate(now), months)
    if instance.expires_at is None or timezone.localdate(instance.expires_at) < needed:
        found.append(
            problem(
                field,
                "instance_expires_too_soon",
                f"实例剩余有效期须至少{months}个月（至{needed:%Y-%m-%d}），请先续费",
                f"The subscription must have at least {months} months left (until {needed:%Y-%m-%d}); renew it first.",
            )
        )
    return found


def service_number_problems(service_number: ServiceNumber, *, field: str) -> list[Problem]:
    """Why a service number cannot be used for a new website (used for good, or its instance fails)."""
    if service_number.consumed_at is not None:
        return [
            problem(
                field,
                "service_number_consumed",
                "该服务标识码已被已备案的网站使用",
                "This service number is already used by an approved website.",
            )
        ]
    return instance_problems(service_number.instance, field=field)
