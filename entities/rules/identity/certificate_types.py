"""Which certificate an entity files with: the types allowed per nature, and the names shown in messages.

An individual files with a personal certificate (resident ID, passport, a travel or residence permit), an
enterprise with its business licence, every other nature with its registration certificate.
"""

from __future__ import annotations

from entities.models import CertificateType, EntityNature
from entities.rules import Problem, problem

INDIVIDUAL_CERTIFICATE_TYPES: tuple[str, ...] = (
    CertificateType.RESIDENT_ID,
    CertificateType.PASSPORT,
    CertificateType.HK_MACAU_PERMIT,
    CertificateType.TAIWAN_PERMIT,
    CertificateType.HMT_RESIDENCE_PERMIT,
)
USCC_CERTIFICATE_TYPES: tuple[str, ...] = (
    CertificateType.BUSINESS_LICENCE,
    CertificateType.REGISTRATION_CERTIFICATE,
)

CERTIFICATE_NAMES: dict[str, tuple[str, str]] = {
    CertificateType.RESIDENT_ID: ("居民身份证", "resident identity card"),
    CertificateType.PASSPORT: ("护照", "passport"),
    CertificateType.HK_MACAU_PERMIT: (
        "港澳居民来往内地通行证",
        "Mainland travel permit for HK and Macau residents",
    ),
    CertificateType.TAIWAN_PERMIT: ("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
    CertificateType.HMT_RESIDENCE_PERMIT: (
        "港澳台居民居住证",
        "residence permit for HK, Macau and Taiwan residents",
    ),
    CertificateType.BUSINESS_LICENCE: ("营业执照", "business licence"),
    CertificateType.REGISTRATION_CERTIFICATE: ("登记证书", "registration certificate"),
}
NATURE_NAMES: dict[str, tuple[str, str]] = {
    EntityNature.INDIVIDUAL: ("个人", "an individual"),
    EntityNature.ENTERPRISE: ("企业", "an enterprise"),
    EntityNature.GOVERNMENT: ("政府机关", "a government body"),
    EntityNature.PUBLIC_INSTITUTION: ("事业单位", "a public institution"),
    EntityNature.SOCIAL_ORGANISATION: ("社会团体", "a social organisation"),
    EntityNature.PRIVATE_NON_ENTERPRISE: ("民办非企业单位", "a private non-enterprise unit"),
    EntityNature.FOUNDATION: ("基金会", "a foundation"),
    EntityNature.DEFENCE: ("国防机构", "a defence body"),
    EntityNature.LAW_FIRM: ("律师执业机构", "a law firm"),
}


def allowed_certificate_types(nature: str) -> tuple[str, ...]:
    """The certificate types an entity of ``nature`` may file with; empty for an unknown nature."""
    if nature == EntityNature.INDIVIDUAL:
        return INDIVIDUAL_CERTIFICATE_TYPES
    if nature == EntityNature.ENTERPRISE:
        return (CertificateType.BUSINESS_LICENCE,)
    if nature in EntityNature.values:
        return (CertificateType.REGISTRATION_CERTIFICATE,)
    return ()


def check_certificate_type(
    *, nature: str, certificate_type: str, field: str = "entity.certificate_type"
) -> list[Problem]:
    if nature not in EntityNature.values:
        return [
            problem(
                "entity.nature",
                "nature_unknown",
                f"未知的主办单位性质“{nature}”",
                f"“{nature}” is not a known entity nature.",
            )
        ]
    allowed = allowed_certificate_types(nature)
    if certificate_type in allowed:
        return []
    nature_zh, nature_en = NATURE_NAMES[nature]
    allowed_zh = "、".join(CERTIFICATE_NAMES[t][0] for t in allowed)
    allowed_en = ", ".join(CERTIFICATE_NAMES[t][1] for t in allowed)
    given_zh, given_en = CERTIFICATE_NAMES.get(certificate_type, (certificate_type, certificate_type))
    return [
        problem(
            field,
            "certificate_type_not_allowed",
            f"主办单位性质为{nature_zh}时证件类型不能为“{given_zh}”，应为：{allowed_zh}",
            f"{nature_en.capitalize()} cannot file with a {given_en}; use: {allowed_en}.",
        )
    ]
