"""Staging the simulated MIIT in the admin (issue 14, acceptance 2): a registry record staged by an operator is
what type detection then finds; the staged records keep identity numbers hashed and masked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from common.errors import ApplicationError
from filings import services
from filings.states import FilingType
from simulators.models import MiitAbnormalCertificate, MiitRegistryEntity, MiitRegistryWebsite
from tests.builders import resident_id

pytestmark = pytest.mark.django_db

ADD = "admin:simulators_miitregistryentity_add"


def stage(client, certificate: str, *, websites: str, providers: str = "OTHERCLOUD", **fields):
    return client.post(
        reverse(ADD),
        {
            "certificate_type": "resident_id",
            "certificate_number": certificate,
            "region_code": "CN-BJ",
            "nature": "individual",
            "name": "张三",
            "websites": websites,
            "access_providers": providers,
            **fields,
        },
    )


def detect(build, certificate: str, domains: list[str]):
    filing = build.start(certificate_number=certificate, domains=domains)
    return services.filing_detect_type(filing=filing, by=filing.applicant)


def test_an_entity_staged_with_websites_at_another_provider_makes_a_new_website_filed_elsewhere(
    client, olga, build
):
    certificate = resident_id("110101")
    client.force_login(olga)

    response = stage(
        client, f" {certificate.lower()} ", websites="elsewhere-a.com 山水摄影集\nelsewhere-b.cn"
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    entity = MiitRegistryEntity.objects.get()
    assert entity.icp_number.startswith("京ICP备")
    assert entity.certificate_masked == certificate[:4] + "*" * 10 + certificate[-4:]
    assert certificate not in str(entity.__dict__)
    websites = {w.domain: w for w in entity.websites.all()}
    assert websites["elsewhere-a.com"].website_number == f"{entity.icp_number}-1"
    assert websites["elsewhere-a.com"].access_providers == ["OTHERCLOUD"]
    assert websites["elsewhere-b.cn"].name == "elsewhere-b.cn"

    filing = detect(build, certificate, ["new-site-elsewhere.com"])
    assert filing.filing_type == FilingType.NEW_WEBSITE_ENTITY_ELSEWHERE
    assert filing.registry_domain_count == 2

    # The masked number on the list; the clear one nowhere.
    listing = client.get(reverse("admin:simulators_miitregistryentity_changelist")).content.decode()
    assert entity.certificate_masked in listing and certificate not in listing


def test_an_entity_staged_without_access_makes_a_new_website_of_an_entity_at_miit(client, olga, build):
    certificate = resident_id("110101")
    client.force_login(olga)
    assert stage(client, certificate, websites="", providers="").status_code == 302
    filing = detect(build, certificate, ["first-of-many.com"])
    assert filing.filing_type == FilingType.NEW_WEBSITE_ENTITY_AT_MIIT


def test_a_domain_staged_under_another_entity_is_a_conflict(client, olga, build):
    client.force_login(olga)
    assert stage(client, resident_id("110101"), websites="taken.com 别人的网站").status_code == 302
    with pytest.raises(ApplicationError) as refused:
        detect(build, resident_id("110101"), ["taken.com"])
    assert refused.value.code == "domain_conflict"


def test_staging_refuses_a_domain_already_filed_and_a_missing_number(client, olga):
    client.force_login(olga)
    assert stage(client, resident_id("110101"), websites="once.com").status_code == 302
    response = stage(client, "", websites="once.com\nnot a domain")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {"certificate_number", "websites"} <= set(errors)
    assert len(errors["websites"]) == 2
    assert MiitRegistryEntity.objects.count() == 1
    assert MiitRegistryWebsite.objects.count() == 1


def test_the_add_page_is_the_staging_form(client, olga):
    client.force_login(olga)
    response = client.get(reverse(ADD))
    assert response.status_code == 200
    fields = set(response.context["adminform"].form.fields)
    assert {"certificate_number", "websites", "access_providers"} <= fields
    assert "icp_number" not in fields


def test_an_abnormal_certificate_staged_in_the_admin_is_hashed_and_masked(client, olga):
    certificate = resident_id("110101")
    client.force_login(olga)
    response = client.post(
        reverse("admin:simulators_miitabnormalcertificate_add"),
        {"certificate_number": certificate, "note": "经营异常 demo"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    row = MiitAbnormalCertificate.objects.get()
    assert row.certificate_masked.startswith(certificate[:4]) and "*" in row.certificate_masked
    assert certificate not in row.certificate_hash
    again = client.post(
        reverse("admin:simulators_miitabnormalcertificate_add"), {"certificate_number": certificate}
    )
    assert "certificate_number" in again.context["adminform"].form.errors
