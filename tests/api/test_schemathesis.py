"""quality.md: the OpenAPI schema fuzzed with schemathesis, through the WSGI application — no 5xx, no
answer outside the schema (status code, content type, body).

Every operation gets a bounded number of generated requests (valid and invalid ones), with an applicant's
token; the review and simulator operations run with a specialist's and an operator's token so that they get
past the permission check. Path ids point at a real filing of the caller (in step 4) so that the requests
reach the services, not only the 404.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from icp_portal.wsgi import application
from tests.api.conftest import complete_materials

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Bounded for CI; `SCHEMATHESIS_MAX_EXAMPLES=200 pytest tests/api/test_schemathesis.py` digs deeper.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """A WSGI request ends by closing old database connections, which would close the test's transaction
    under it; Django's own test client disconnects that handler the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded at collection, from the application itself (the schema view reads no database row).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def callers(alice, sam, olga, drive, build):
    """Tokens per part of the API, and the ids of a filing the applicant owns (in ``materials``)."""
    from rest_framework.authtoken.models import Token

    filing = drive(build.start(), "materials")
    other = drive(build.start(domains=["fuzz-two.com"]), "materials")
    complete_materials(other)
    material = other.materials.filter(status="accepted").first()
    return {
        "tokens": {user.role: Token.objects.get_or_create(user=user)[0].key for user in (alice, sam, olga)},
        "ids": {
            "id": str(filing.code),
            "website": str(filing.filing_websites.get().website.code),
            "material": str(material.code),
        },
        "material_filing": str(other.code),
    }


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_the_api_answers_within_its_schema_and_never_with_a_5xx(case, callers):
    path = case.path
    role = "applicant"
    if path.startswith("/api/v1/review/"):
        role = "specialist"
    elif path.startswith("/api/v1/simulators/"):
        role = "operator"
    parameters = dict(case.path_parameters or {})
    for name, value in callers["ids"].items():
        if name in parameters:
            parameters[name] = value
    if "material" in parameters:
        parameters["id"] = callers["material_filing"]
    if parameters:
        case.path_parameters = parameters
    case.call_and_validate(headers={"Authorization": f"Token {callers['tokens'][role]}"}, checks=CHECKS)
