"""Domain names: normalised to lower case, IDN kept both as Unicode and as punycode (UTS #46, not IDNA 2003)."""

from __future__ import annotations

import idna
from django.utils.translation import gettext_lazy as _

from common.errors import ApplicationError


def normalise_domain(raw: str, *, field: str = "domain") -> tuple[str, str]:
    """``' WWW.Example.COM. '`` → ``("www.example.com", "www.example.com")``; ``例子.中国`` → both forms."""
    text = (raw or "").strip().rstrip(".")
    for scheme in ("http://", "https://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
    if not text or "/" in text or " " in text:
        raise ApplicationError(
            _("Enter a domain name, such as example.com."),
            code="domain_invalid",
            fields={field: [str(_("Enter a domain name, such as example.com."))]},
        )
    try:
        ascii_name = idna.encode(text, uts46=True).decode("ascii")
        unicode_name = idna.decode(ascii_name)
    except (idna.IDNAError, UnicodeError) as exc:
        message = str(_("“%(domain)s” is not a valid domain name.") % {"domain": text[:80]})
        raise ApplicationError(message, code="domain_invalid", fields={field: [message]}) from exc
    if "." not in ascii_name:
        message = str(_("Enter the whole domain name with its top-level domain, such as example.com."))
        raise ApplicationError(message, code="domain_invalid", fields={field: [message]})
    return unicode_name, ascii_name
