"""Instance validity: each website's service number still unused, on an instance in Mainland China with a
public IP, paid by subscription, with the months left the instance kind needs.

The rule is ``instances.services.service_number_problems`` (through ``filings.validation``). Severity:
**blocking** — MIIT rejects a filing whose access is not a qualifying instance. It fires when the instance
changed since submit (its subscription ran down or was not renewed, its IP was released, the number was used).
"""

from __future__ import annotations

import re

from common.problems import Problem
from reviews.findings.base import Context, Found, from_problem

GROUP = "instances"
SERVICE_NUMBER_FIELD = re.compile(r"^websites\.\d+\.service_number$")


def claims(item: Problem) -> bool:
    return bool(SERVICE_NUMBER_FIELD.match(item.field))


def instance_findings(context: Context) -> list[Found]:
    return [from_problem(item, group=GROUP) for item in context.problems_where(claims)]
