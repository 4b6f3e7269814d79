"""``POST /api/v1/auth/token/``: a user name and password exchanged for the API token (rate-limited)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from common.api import validated
from common.errors import ApplicationError


class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)


class TokenView(ObtainAuthToken):
    parser_classes = [JSONParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"
    error_statuses = ("400", "415", "429")

    @extend_schema(
        operation_id="auth_token_create",
        request=TokenInput,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        auth=[],
        summary="Exchange a user name and password for a token (`Authorization: Token <token>`)",
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=validated(TokenInput, request.data))
        if not serializer.is_valid():
            raise ApplicationError(
                "用户名或密码错误 / The user name or password is wrong.", code="invalid_credentials"
            )
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
