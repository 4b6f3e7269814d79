"""Instances and service numbers: Mainland region, public IP, a subscription with 3 months left (6 for elastic
web hosting), numbers used for good once their website is approved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from instances.models import Instance, ServiceNumber
from instances.services import instance_problems, service_number_problems

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
FIELD = "websites.0.service_number"


def instance(**overrides) -> Instance:
    values = {
        "instance_id": "i-test",
        "kind": "ecs",
        "cloud_region": "cn-hangzhou",
        "is_mainland": True,
        "public_ip": "47.96.1.1",
        "billing": "subscription",
        "expires_at": NOW + dt.timedelta(days=365),
    }
    return Instance(**{**values, **overrides})


def days(n: int) -> dt.datetime:
    return NOW + dt.timedelta(days=n)


CASES = [
    ("qualifying ECS", {}, []),
    ("lightweight server", {"kind": "lightweight"}, []),
    ("virtual host", {"kind": "virtual_host"}, []),
    ("overseas region", {"is_mainland": False, "cloud_region": "ap-southeast-1"}, ["instance_not_mainland"]),
    ("no public IP", {"public_ip": None}, ["instance_no_public_ip"]),
    ("IPv6 public address", {"public_ip": "2408:4000::1"}, []),
    ("pay-as-you-go", {"billing": "pay_as_you_go"}, ["instance_pay_as_you_go"]),
    ("no expiry known", {"expires_at": None}, ["instance_expires_too_soon"]),
    ("expired", {"expires_at": days(-1)}, ["instance_expires_too_soon"]),
    ("2 months left", {"expires_at": days(61)}, ["instance_expires_too_soon"]),
    ("one day short of 3 months", {"expires_at": days(91)}, ["instance_expires_too_soon"]),
    ("exactly 3 months", {"expires_at": days(92)}, []),
    (
        "elastic web hosting with 4 months",
        {"kind": "elastic_web_hosting", "expires_at": days(122)},
        ["instance_expires_too_soon"],
    ),
    ("elastic web hosting with 6 months", {"kind": "elastic_web_hosting", "expires_at": days(184)}, []),
    (
        "everything wrong",
        {"is_mainland": False, "public_ip": None, "billing": "pay_as_you_go", "expires_at": None},
        [
            "instance_not_mainland",
            "instance_no_public_ip",
            "instance_pay_as_you_go",
            "instance_expires_too_soon",
        ],
    ),
]


@pytest.mark.parametrize(("case", "overrides", "codes"), CASES, ids=[c[0] for c in CASES])
def test_instance_rules(case, overrides, codes):
    found = instance_problems(instance(**overrides), field=FIELD, now=NOW)
    assert [p.code for p in found] == codes
    assert all(p.field == FIELD for p in found)
    assert all(" / " in p.message for p in found)  # Chinese / English


def test_a_consumed_service_number_is_used_for_good():
    number = ServiceNumber(code="X", instance=instance(), consumed_at=NOW)
    assert [p.code for p in service_number_problems(number, field=FIELD)] == ["service_number_consumed"]


def test_a_free_number_of_a_qualifying_instance_is_fine(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    number = ServiceNumber(code="X", instance=instance())
    assert service_number_problems(number, field=FIELD) == []
