"""The OpenAPI schema: generated without a warning, valid, committed as generated, served; Swagger UI from
local files only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
COMMITTED = ROOT / "docs" / "openapi.yaml"


def test_the_schema_validates_with_no_warning_and_matches_the_committed_file(tmp_path):
    generated = tmp_path / "openapi.yaml"
    # --fail-on-warn turns any warning (an unresolvable field, a colliding enum) into an error.
    call_command("spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), (
        "the API changed: run `make openapi` and commit docs/openapi.yaml"
    )


def test_the_schema_is_served_and_describes_every_route_of_api_md(api):
    response = api().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/regions/",
        "/api/v1/filings/",
        "/api/v1/filings/{id}/",
        "/api/v1/filings/{id}/transitions/{name}/",
        "/api/v1/filings/{id}/materials/",
        "/api/v1/filings/{id}/materials/{material}/file",
        "/api/v1/filings/{id}/face-verification/",
        "/api/v1/filings/{id}/sms/resend/",
        "/api/v1/filings/{id}/verification-form/{website}/",
        "/api/v1/instances/",
        "/api/v1/review/queue/",
        "/api/v1/review/inbox/",
        "/api/v1/review/archive/",
        "/api/v1/review/filings/{id}/claim/",
        "/api/v1/review/filings/{id}/release/",
        "/api/v1/review/filings/{id}/approve/",
        "/api/v1/review/filings/{id}/reject/",
        "/api/v1/review/filings/{id}/call-attempt/",
        "/api/v1/review/filings/{id}/confirm-mail/",
        "/api/v1/review/filings/{id}/reassign/",
        "/api/v1/notifications/",
        "/api/v1/notifications/{id}/read/",
    ):
        assert path in paths, path
    assert any(path.startswith("/api/v1/simulators/") for path in paths)
    # Every operation documents its errors in the one shape.
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = [code for code in operation["responses"] if code.startswith(("4", "5"))]
            assert errors or path == "/api/v1/regions/", (method, path)
            for code in errors:
                content = operation["responses"][code]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/Error"}, (method, path, code)


def test_the_committed_schema_is_yaml_of_openapi_3():
    schema = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")
    assert (
        "TokenAuth" in schema["components"]["securitySchemes"]
        or "tokenAuth" in schema["components"]["securitySchemes"]
    )


def test_swagger_ui_loads_from_local_static_files_only(client, settings):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)
    assert urls, page
    assert all(url.startswith("/static/") for url in urls), urls
    assert not re.search(r"https?://", page), "the docs page names another host"
    assert '"validatorUrl": null' in page  # Swagger UI's badge would call validator.swagger.io
    # The files exist where the page points (collected by whitenoise from the sidecar).
    from django.contrib.staticfiles import finders

    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url


def test_schema_and_docs_are_read_only(api, olga):
    for path in ("/api/v1/schema/", "/api/v1/docs/"):
        response = api(olga).post(path, {}, format="json")
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"
