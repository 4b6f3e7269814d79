"""Demo data: accounts, instances with service numbers, and MIIT registry records that make every filing type
reachable. Safe to run again (it finds what it made before)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from instances.models import Instance
from instances.services import instance_create
from simulators.miit import stage_registry_entity
from simulators.models import MiitRegistryEntity
from simulators.registrar import stage_domain

DEMO_PASSWORD = "icp-demo-2026"
ACCOUNTS = [
    ("applicant", "applicant", {"mobile": "13910001000"}),  # a Beijing mobile, as the profile asks one
    ("specialist", "specialist", {}),
    ("specialist2", "specialist", {}),
    ("operator", "operator", {"is_staff": True, "is_superuser": True}),
]
OTHER_PROVIDER = "OTHERCLOUD"


def _resident_id(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def _credit_code(body: str) -> str:
    return body + uscc.calc_check_digit(body)


# What to type in step 1 to reach each filing type (Beijing: no SMS; Zhejiang: SMS), and the entity name to
# enter in step 3 (the registrar's holder of the domain).
SCENARIOS = [
    # (filing type, nature, certificate type, number, region, registry websites, domain to file, entity name)
    (
        "initial",
        "individual",
        "resident_id",
        _resident_id("11010119900307123"),
        "CN-BJ",
        None,
        "my-first-site.com",
        "张三",
    ),
    (
        "new_access",
        "enterprise",
        "business_licence",
        _credit_code("91110000MA0000001"),
        "CN-BJ",
        [("moving-in.com", "迁入示例网", [OTHER_PROVIDER])],
        "moving-in.com",
        "北京迁入示例科技有限公司",
    ),
    (
        "new_website_entity_here",
        "enterprise",
        "business_licence",
        _credit_code("91330000MA0000002"),
        "CN-ZJ",
        [("filed-here.com", "已接入示例网", ["__here__"])],
        "second-site.cn",
        "浙江示例网络科技有限公司",
    ),
    (
        "new_website_entity_elsewhere",
        "individual",
        "resident_id",
        _resident_id("33010219850612234"),
        "CN-ZJ",
        [("filed-elsewhere.com", "他处接入网", [OTHER_PROVIDER])],
        "new-here.com",
        "李四",
    ),
    (
        "new_website_entity_at_miit",
        "individual",
        "resident_id",
        _resident_id("11010519920101345"),
        "CN-BJ",
        [("no-access.com", "无接入网站", [])],
        "back-again.com",
        "王五",
    ),
]


class Command(BaseCommand):
    help = "Create the demo accounts, instances and MIIT registry records (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        users = {}
        for username, role, extra in ACCOUNTS:
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"role": role, "email": f"{username}@demo.invalid", **extra}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            users[username] = user

        if not Instance.objects.filter(owner=users["applicant"]).exists():
            for n, (kind, region) in enumerate(
                [("ecs", "cn-hangzhou"), ("lightweight", "cn-beijing")], start=1
            ):
                instance_create(
                    owner=users["applicant"],
                    instance_id=f"i-demo{n:04d}",
                    kind=kind,
                    cloud_region=region,
                    public_ip=f"47.96.10.{n}",
                    expires_at=timezone.now() + dt.timedelta(days=365),
                )

        for _type, nature, certificate_type, number, region, websites, domain, name in SCENARIOS:
            # The registrar knows every domain to file, held by the entity, verified a month ago.
            stage_domain(
                domain=domain,
                holder_name=name,
                holder_certificate_number=number,
                real_name_verified_at=timezone.localdate() - dt.timedelta(days=30),
                expires_at=timezone.localdate() + dt.timedelta(days=730),
            )
            if websites is None or MiitRegistryEntity.objects.filter(name=f"演示主体 {number[-4:]}").exists():
                continue
            stage_registry_entity(
                certificate_type=certificate_type,
                certificate_number=number,
                region_code=region,
                nature=nature,
                name=f"演示主体 {number[-4:]}",
                websites=[
                    (domain, name, [settings.PROVIDER_CODE if p == "__here__" else p for p in providers])
                    for domain, name, providers in websites
                ],
            )
        self._print(users)

    def _print(self, users) -> None:
        out = self.stdout
        out.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
        for username, role, _extra in ACCOUNTS:
            out.write(f"  {username:<12} {role}")
        out.write(self.style.SUCCESS("Service numbers of the applicant's instances:"))
        for instance in Instance.objects.filter(owner=users["applicant"]).prefetch_related("service_numbers"):
            codes = ", ".join(s.code for s in instance.service_numbers.all() if s.consumed_at is None)
            out.write(f"  {instance.instance_id}: {codes}")
        out.write(
            self.style.SUCCESS("Step 1 inputs that reach each filing type (and the step-3 entity name):")
        )
        for filing_type, nature, certificate_type, number, region, _websites, domain, name in SCENARIOS:
            out.write(
                f"  {filing_type:<30} {region} {nature:<10} {certificate_type:<16} {number}  {domain}  {name}"
            )
