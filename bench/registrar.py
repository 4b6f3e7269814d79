"""P4's registrar (``REGISTRAR_GATEWAY``, set by ``bench.__main__.ENVIRONMENT``): every domain is registered
to the entity that asks, real-name verified. The pipeline figure measures the portal and its jobs, not the staging of a
registrar's records for a thousand domains (the simulators are the tests' and the demo's outside world)."""

from __future__ import annotations

import datetime as dt

from common.identity import mask_identity, normalise_certificate_number
from gateways.registrar import DomainFacts

HOLDER_NAME = "杭州示例科技有限公司"


class BenchRegistrar:
    def domain_facts(self, domain: str, *, holder_certificate_number: str) -> DomainFacts | None:
        today = dt.date.today()
        return DomainFacts(
            domain=domain.lower(),
            registrar="bench registrar",
            holder_name=HOLDER_NAME,
            holder_certificate_matches=True,
            holder_certificate_masked=mask_identity(normalise_certificate_number(holder_certificate_number)),
            real_name_verified_at=today - dt.timedelta(days=30),
            expires_at=today + dt.timedelta(days=730),
        )
