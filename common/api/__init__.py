"""What every app's REST API shares: the one exception handler (the error shape of api.md), the error
serializer, role permissions; ``pagination`` (keyset lists) and ``schema`` (the error answers of each
operation) beside it. The submodules are imported by DRF while it loads, so this package imports neither
``rest_framework.generics`` nor drf-spectacular's schema machinery.

Services raise ``ApplicationError`` (``.status``, ``.code``, ``.fields``); DRF raises its own exceptions for
authentication, parsing, throttling and serializer validation; Django raises ``Http404`` and
``PermissionDenied``. All of them leave the API as ``{"error": {"code", "message", "fields"}}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.validators import ProhibitSurrogateCharactersValidator
from rest_framework.views import set_rollback

from common.errors import ApplicationError, ServiceUnavailable
from common.identity import normalise_certificate_number

MESSAGE_FIX_FIELDS = "请更正标出的字段 / Please correct the fields marked."


# --- The error shape ----------------------------------------------------------------------------------------
class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="A stable snake_case code: `required`, `domain_conflict`, ...")
    message = serializers.CharField(help_text="What went wrong, for a person to read")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field path (`entity.head.mobile`, `websites.0.domain`) → messages; empty when no field is "
        "at fault",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class NotFoundError(ApplicationError):
    """A 404 with a code and a message of its own (an unknown transition name, ...)."""

    status = 404


def escaped(text: Any) -> str:
    """``text`` with any unpaired surrogate written as ``\\ud800``: a message may quote what a client sent
    (DRF's ``"{input}" is not a valid choice``), and UTF-8, the renderer's encoding, cannot hold a lone
    surrogate (the answer would be a 500)."""
    return str(text).encode("utf-8", "backslashreplace").decode("utf-8")


def error_body(code: str, message: str, fields: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": escaped(message),
            "fields": {escaped(key): [escaped(m) for m in value] for key, value in (fields or {}).items()},
        }
    }


def _join(prefix: str, key: str) -> str:
    return ".".join(part for part in (prefix, key) if part)


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[Any]]:
    """DRF's nested validation errors as ``path → messages``: ``{"websites": [{}, {"domain": [...]}]}``
    becomes ``{"websites.1.domain": [...]}``, the paths the services use. ``non_field_errors`` belong to the
    object that holds them (the top level has the path ``""``, turned into the message by the caller)."""
    found: dict[str, list[Any]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            key = str(key)
            path = _join(prefix, "" if key in ("non_field_errors", "__all__") else key)
            for sub_path, messages in flatten_errors(value, path).items():
                found.setdefault(sub_path, []).extend(messages)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            if detail:
                found.setdefault(prefix, []).extend(detail)
        else:
            for index, item in enumerate(detail):
                path = _join(prefix, str(index))
                for sub_path, messages in flatten_errors(item, path).items():
                    found.setdefault(sub_path, []).extend(messages)
    else:
        found.setdefault(prefix, []).append(detail)
    return found


def _validation_body(detail: Any) -> dict[str, Any]:
    flat = flatten_errors(detail)
    general = flat.pop("", [])
    codes = {getattr(m, "code", "invalid") or "invalid" for messages in flat.values() for m in messages}
    codes |= {getattr(m, "code", "invalid") or "invalid" for m in general}
    code = codes.pop() if len(codes) == 1 else "invalid"
    everything = [m for messages in flat.values() for m in messages] + general
    message = str(everything[0]) if len(everything) == 1 else MESSAGE_FIX_FIELDS
    if general and not flat:
        message = " ".join(str(m) for m in general)
    return error_body(code, message, flat)


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """The project's one exception handler (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``).

    Unknown exceptions return ``None`` and become a 500: they are bugs, never something a client sent.
    """
    headers: dict[str, str] = {}
    if isinstance(exc, ApplicationError):
        status, body = exc.status, error_body(exc.code, exc.message, exc.fields)
    elif isinstance(exc, exceptions.ValidationError):
        status, body = 400, _validation_body(exc.detail)
    elif isinstance(exc, Http404):
        status, body = 404, error_body("not_found", "未找到 / Not found.")
    elif isinstance(exc, DjangoPermissionDenied):
        status, body = 403, error_body("permission_denied", "无权执行此操作 / You may not do this.")
    elif isinstance(exc, RequestDataTooBig):
        status, body = 413, error_body("request_too_large", "请求过大 / The request is too large.")
    elif isinstance(exc, TooManyFieldsSent | SuspiciousOperation):
        status, body = 400, error_body("bad_request", "请求无效 / The request is not valid.")
    elif isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        message = MESSAGE_FIX_FIELDS if fields else " ".join(exc.messages)
        status, body = 400, error_body("invalid", message, fields)
    elif isinstance(exc, ServiceUnavailable):  # a gateway's outside system, down for now
        status, body = (
            503,
            error_body("provider_unavailable", "外部服务暂时不可用，请稍后再试 / Try again shortly."),
        )
    elif isinstance(exc, exceptions.APIException):
        status, body = exc.status_code, error_body(_code_of(exc), str(exc.detail))
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
    else:
        return None
    set_rollback()
    return Response(body, status=status, headers=headers)


@csrf_exempt  # nothing is changed here: a POST to an unknown path is a 404, not a CSRF refusal
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other path under ``/api/v1/``: a 404 in the API's shape, not Django's HTML page."""
    return JsonResponse(error_body("not_found", "未找到 / Not found."), status=404)


# --- Who may call ----------------------------------------------------------------------------------------
class _RolePermission(BasePermission):
    roles: tuple[str, ...] = ()
    message = "无权执行此操作 / You may not do this."

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated) and (
            getattr(request.user, "role", None) in self.roles
        )


class IsApplicant(_RolePermission):
    roles = ("applicant",)
    message = "只有申请人可以这样做 / Only applicants do this."


class IsSpecialist(_RolePermission):
    roles = ("specialist",)
    message = "只有审核人员可以这样做 / Only review specialists do this."


class IsStaff(_RolePermission):
    roles = ("specialist", "operator")
    message = "只有审核人员和运营人员可以这样做 / Only review specialists and operators do this."


class IsOperator(_RolePermission):
    roles = ("operator",)
    message = "只有运营人员可以这样做 / Only operators do this."


# --- Input fields ------------------------------------------------------------------------------------------
CERTIFICATE_NUMBER_MAX = 32  # the stored masked copy's width; no certificate number comes near it


class TextInput(serializers.CharField):
    """A text input: blank allowed (a rule says when it is required), nulls refused, bounded in length."""

    def __init__(self, *, max_length: int = 256, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("trim_whitespace", True)
        super().__init__(max_length=max_length, **kwargs)


class CertificateNumberField(serializers.CharField):
    """A certificate number as typed: bounded before and after normalisation (full-width characters fold
    into one or more ASCII ones), so a stored or masked copy always fits its column."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", CERTIFICATE_NUMBER_MAX)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if len(normalise_certificate_number(value)) > CERTIFICATE_NUMBER_MAX:
            raise serializers.ValidationError(
                f"证件号码过长 / The certificate number is too long (at most {CERTIFICATE_NUMBER_MAX}).",
                code="max_length",
            )
        return value


class JsonErrors:
    """For views whose success is not JSON (the schema in YAML, Swagger UI's page): errors still leave in
    the one JSON shape."""

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


_refuse_surrogates = ProhibitSurrogateCharactersValidator()


def surrogate_problems(data: Any, path: str = "") -> dict[str, list[Any]]:
    """Where ``data`` (a parsed body) holds text with an unpaired surrogate, in a value or a key, by path.

    JSON may escape one (``"\\ud800"``) and Python decodes it; no database stores it and UTF-8 cannot encode
    it. DRF's text fields refuse it, its choice fields do not (they echo it in their message), and keys
    nobody reads pass through: so the whole body is checked here, once, before any field.
    """
    found: dict[str, list[Any]] = {}
    if isinstance(data, str):
        try:
            _refuse_surrogates(data)
        except serializers.ValidationError as error:
            found[path] = list(error.detail)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            key_path = _join(path, escaped(key))
            for items in (surrogate_problems(str(key), key_path), surrogate_problems(value, key_path)):
                for sub_path, messages in items.items():
                    found.setdefault(sub_path, []).extend(messages)
    elif isinstance(data, list | tuple):
        for index, item in enumerate(data):
            found.update(surrogate_problems(item, _join(path, str(index))))
    return found


def validated(serializer_class: type, data: Any) -> dict[str, Any]:
    """The input checked by ``serializer_class``; a ValidationError (400 with field paths) otherwise.

    Text no database or encoder can hold (unpaired surrogates) is refused first, in every field and key;
    NUL is refused by DRF's text fields, and by ``filings.validation.text_problems`` for the services.
    """
    problems = surrogate_problems(data)
    if problems:
        raise serializers.ValidationError(problems)
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
