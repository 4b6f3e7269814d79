from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from gateways import load_gateway
from gateways.registrar import DomainFacts, registrar_gateway
from simulators.models import RegistrarDomainRecord
from simulators.registrar import SimulatedRegistrarGateway, stage_domain

pytestmark = pytest.mark.django_db

HOLDER_NUMBER = "11010119900307123X"
VERIFIED = dt.date(2026, 1, 5)
EXPIRES = dt.date(2028, 1, 5)


def _stage(**overrides) -> RegistrarDomainRecord:
    values = {
        "domain": "Example.CN",
        "holder_name": "张三",
        "holder_certificate_number": HOLDER_NUMBER,
        "real_name_verified_at": VERIFIED,
        "expires_at": EXPIRES,
    }
    return stage_domain(**(values | overrides))


def test_load_gateway_returns_the_simulator():
    assert isinstance(load_gateway("REGISTRAR_GATEWAY"), SimulatedRegistrarGateway)
    assert isinstance(registrar_gateway(), SimulatedRegistrarGateway)


def test_staged_domain_gives_its_facts():
    _stage()
    facts = registrar_gateway().domain_facts("example.cn", holder_certificate_number=HOLDER_NUMBER)
    assert facts == DomainFacts(
        domain="example.cn",
        registrar="demo-registrar",
        holder_name="张三",
        holder_certificate_matches=True,
        holder_certificate_masked="1101**********123X",
        real_name_verified_at=VERIFIED,
        expires_at=EXPIRES,
    )


def test_certificate_number_is_compared_normalised():
    _stage()
    facts = registrar_gateway().domain_facts("example.cn", holder_certificate_number=" 110101 19900307123x ")
    assert facts is not None and facts.holder_certificate_matches


def test_another_certificate_does_not_match():
    _stage()
    gateway = registrar_gateway()
    assert not gateway.domain_facts(
        "example.cn", holder_certificate_number="110101199003071234"
    ).holder_certificate_matches
    assert not gateway.domain_facts("example.cn", holder_certificate_number="").holder_certificate_matches


def test_unknown_domain_has_no_facts():
    _stage()
    gateway = registrar_gateway()
    assert gateway.domain_facts("unknown.cn", holder_certificate_number=HOLDER_NUMBER) is None
    assert gateway.domain_facts("not a domain", holder_certificate_number=HOLDER_NUMBER) is None


def test_idn_is_staged_and_found_by_its_ascii_form():
    record = _stage(domain="例子.中国", real_name_verified_at=None, expires_at=None, registrar="other")
    assert record.domain == "xn--fsqu00a.xn--fiqs8s"
    facts = registrar_gateway().domain_facts(record.domain, holder_certificate_number=HOLDER_NUMBER)
    assert facts.registrar == "other"
    assert facts.real_name_verified_at is None and facts.expires_at is None


def test_staging_again_replaces_the_record():
    _stage()
    _stage(holder_name="李四", holder_certificate_number="110101199003071234")
    assert RegistrarDomainRecord.objects.count() == 1
    facts = registrar_gateway().domain_facts("example.cn", holder_certificate_number="110101199003071234")
    assert facts.holder_name == "李四" and facts.holder_certificate_matches


def test_staging_refuses_an_invalid_domain_or_a_missing_number():
    with pytest.raises(ValueError):
        _stage(domain="not a domain")
    with pytest.raises(ValueError):
        _stage(holder_certificate_number=" ")


def test_a_database_dump_does_not_reveal_the_certificate_number():
    _stage()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM simulators_registrardomainrecord")
        dump = repr(cursor.fetchall())
    assert "example.cn" in dump
    assert HOLDER_NUMBER not in dump and HOLDER_NUMBER.lower() not in dump
    assert "19900307" not in dump


def test_admin_hashes_the_number_and_never_shows_it_back(client, olga):
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_registrardomainrecord_add"),
        {
            "domain": "Admin-Example.com",
            "registrar": "demo-registrar",
            "holder_name": "张三",
            "holder_certificate_number": HOLDER_NUMBER.lower(),
            "real_name_verified_at": "2026-01-05",
            "expires_at": "2028-01-05",
        },
    )
    assert response.status_code == 302
    record = RegistrarDomainRecord.objects.get()
    assert record.domain == "admin-example.com"
    assert record.holder_certificate_masked == "1101**********123X"
    facts = registrar_gateway().domain_facts(record.domain, holder_certificate_number=HOLDER_NUMBER)
    assert facts.holder_certificate_matches

    change_url = reverse("admin:simulators_registrardomainrecord_change", args=[record.pk])
    page = client.get(change_url).content.decode()
    assert HOLDER_NUMBER not in page and record.holder_certificate_hash not in page

    # Saving without a number keeps the one held.
    response = client.post(
        change_url,
        {
            "domain": "admin-example.com",
            "registrar": "demo-registrar",
            "holder_name": "张三（更名）",
            "holder_certificate_number": "",
            "real_name_verified_at": "2026-01-05",
            "expires_at": "2028-01-05",
        },
    )
    assert response.status_code == 302
    facts = registrar_gateway().domain_facts(record.domain, holder_certificate_number=HOLDER_NUMBER)
    assert facts.holder_name == "张三（更名）" and facts.holder_certificate_matches


def test_admin_requires_the_number_of_a_new_record(client, olga):
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_registrardomainrecord_add"),
        {"domain": "example.com", "registrar": "demo-registrar", "holder_name": "张三"},
    )
    assert response.status_code == 200
    assert "holder_certificate_number" in response.context["adminform"].form.errors
    assert not RegistrarDomainRecord.objects.exists()


def test_admin_is_for_operators_only(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:simulators_registrardomainrecord_changelist"))
    assert response.status_code == 302
