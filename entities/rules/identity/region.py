"""Where an entity may file: an organisation in its registration province, an individual by the residency rule.

Decisions:
- An organisation files in its registration province (USCC characters 3–4). A USCC whose region code
  (characters 3–8) is ``100000`` was registered at national level, in no province; "no cross-province
  filing" cannot apply to it, so such a unit may file in any region (whatever its nature). Units of the
  Xinjiang Production and Construction Corps (66xxxx) file in Xinjiang (65).
- An individual's rule is the region's ``individual_residency``: ``any``; ``residence_permit`` (a Mainland
  resident from another province uploads a residence permit, not an error); ``local_only`` (refused).
"""

from __future__ import annotations

from stdnum.cn import uscc

from common.identity import mask_identity, normalise_certificate_number
from entities.models import CertificateType, EntityNature, IndividualResidency, Region
from entities.rules import Problem, problem
from entities.rules.identity.certificate_types import CERTIFICATE_NAMES, USCC_CERTIFICATE_TYPES
from entities.rules.identity.numbers import (
    DIVISION_ALIASES,
    is_national_code,
    resident_id_province,
    uscc_province,
    uscc_region_code,
)


def check_registration_province(
    *,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    field: str = "entity.region",
) -> list[Problem]:
    """An organisation files only in the province of its USCC (characters 3–4); national codes anywhere."""
    if nature == EntityNature.INDIVIDUAL or certificate_type not in USCC_CERTIFICATE_TYPES:
        return []
    number = normalise_certificate_number(certificate_number)
    if not uscc.is_valid(number) or is_national_code(number):
        return []
    province = uscc_province(number)
    if DIVISION_ALIASES.get(province, province) == region.division:
        return []
    return [
        problem(
            field,
            "cross_province_filing",
            f"统一社会信用代码“{mask_identity(number)}”的登记地区为{uscc_region_code(number)}，"
            f"不属于{region.name_zh}；单位只能在登记所在省份备案",
            f"The unified social credit code “{mask_identity(number)}” was registered in region "
            f"{uscc_region_code(number)}, outside {region.name_en}; an organisation files only in the "
            "province where it is registered.",
        )
    ]


def is_local_resident(*, certificate_type: str, certificate_number: str, region: Region) -> bool:
    """Whether the certificate is a resident ID whose household province is the filing region."""
    return (
        certificate_type == CertificateType.RESIDENT_ID
        and resident_id_province(certificate_number) == region.division
    )


def residence_permit_required(
    *, nature: str, certificate_type: str, certificate_number: str, region: Region
) -> bool:
    """A Mainland individual filing outside their household province where the rule is ``residence_permit``.

    Not an error: the caller adds the residence permit (居住证) to the materials to upload.
    """
    return (
        nature == EntityNature.INDIVIDUAL
        and region.individual_residency == IndividualResidency.RESIDENCE_PERMIT
        and certificate_type == CertificateType.RESIDENT_ID
        and not is_local_resident(
            certificate_type=certificate_type, certificate_number=certificate_number, region=region
        )
    )


def check_individual_residency(
    *,
    nature: str,
    certificate_type: str,
    certificate_number: str,
    region: Region,
    field: str = "entity.region",
) -> list[Problem]:
    """``local_only`` regions accept only individuals whose resident ID is of the region.

    A passport or permit holder has no household registration there either, so they are refused too.
    """
    if nature != EntityNature.INDIVIDUAL or region.individual_residency != IndividualResidency.LOCAL_ONLY:
        return []
    if is_local_resident(
        certificate_type=certificate_type, certificate_number=certificate_number, region=region
    ):
        return []
    if certificate_type == CertificateType.RESIDENT_ID:
        province = resident_id_province(certificate_number)
        masked = mask_identity(normalise_certificate_number(certificate_number))
        zh = f"{region.name_zh}只接受本地户籍个人备案；身份证“{masked}”的户籍地区码为{province}"
        en = (
            f"{region.name_en} accepts only individuals with a local household registration (code "
            f"{region.division}); this resident ID is from region {province}."
        )
    else:
        name_zh, name_en = CERTIFICATE_NAMES.get(certificate_type, (certificate_type, certificate_type))
        zh = f"{region.name_zh}只接受本地户籍个人（居民身份证地区码{region.division}）备案，不接受{name_zh}"
        en = (
            f"{region.name_en} accepts only individuals with a local resident ID (code {region.division}), "
            f"not a {name_en}."
        )
    return [problem(field, "individual_not_local", zh, en)]
