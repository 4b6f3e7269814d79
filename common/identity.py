"""Identity numbers at rest: encrypted (Fernet) with a keyed hash (HMAC-SHA256) for look-ups, and masked.

A database dump must not reveal a certificate number, yet duplicate and conflict checks must find one: the
ciphertext column can be decrypted by the portal only, the hash column is compared for equality only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import unicodedata
from functools import cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from stdnum.util import clean


def fold_digits(text: str) -> str:
    """Every Unicode decimal digit (Arabic-Indic ``٣``, Devanagari ``३``, full-width ``３``...) as its ASCII digit.

    NFKC folds only the compatibility forms (full-width, mathematical); ``str.isdigit`` and ``int()`` accept
    every script's digits, so without this one number would have several spellings and several hashes.
    Anything else is left as it is, for the checks to judge.
    """
    return "".join(
        str(unicodedata.decimal(character))
        if not character.isascii() and unicodedata.category(character) == "Nd"
        else character
        for character in text
    )


def normalise_certificate_number(raw: str) -> str:
    """The compact form of a certificate number: the one form that is checked, hashed and stored.

    Every caller (the API's fields, the services, ``CertificateHolder``, ``identity_hash``, the simulators)
    goes through here, so two spellings of one number are one entity with one hash.

    1. NFKC: full-width letters, digits and hyphens fold to ASCII; then every other script's decimal digits
       (``fold_digits``).
    2. stdnum's compaction, the same for every certificate type: every kind of dash becomes ``-`` and is
       removed with the spaces. ``stdnum.cn.uscc`` ignores hyphens when it checks a number, so
       ``9111-0000-MA0000001L`` passes its checksum; kept, the hyphens would name another entity.
    3. Any other whitespace removed, letters upper-cased (a final ``x`` becomes ``X``).
    """
    folded = fold_digits(unicodedata.normalize("NFKC", raw or ""))
    return "".join(clean(folded, " -").split()).upper()


def _derived_key(purpose: str) -> bytes:
    return hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()


@cache
def _fernet() -> MultiFernet:
    keys = settings.IDENTITY_ENCRYPTION_KEYS or [
        base64.urlsafe_b64encode(_derived_key("identity-encryption"))
    ]
    return MultiFernet([Fernet(key) for key in keys])


@cache
def _hash_key() -> bytes:
    configured = settings.IDENTITY_HASH_KEY
    return configured.encode() if configured else _derived_key("identity-hash")


def encrypt_identity(number: str) -> str:
    return _fernet().encrypt(number.encode()).decode()


def decrypt_identity(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode() if token else ""


def identity_hash(number: str, *, scope: str = "") -> str:
    """The keyed hash of a normalised number. ``scope`` separates uses (a certificate type, a tail)."""
    message = f"{scope}:{normalise_certificate_number(number)}".encode()
    return hmac.new(_hash_key(), message, hashlib.sha256).hexdigest()


def mask_identity(number: str) -> str:
    """``110101199003071234`` → ``1101**********1234``: enough to recognise, too little to use."""
    if not number:
        return ""
    if len(number) <= 8:
        return number[:1] + "*" * (len(number) - 2) + number[-1:] if len(number) > 2 else "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_mobile(mobile: str) -> str:
    """``13812345678`` → ``138****5678``."""
    digits = mobile or ""
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "*" * len(digits)
