"""The API's token authentication: DRF's, with its look-up compiled once per process (``common.compiled``).

Every token-authenticated request looks its token and user up first; Django compiling that join cost about
as much as the bare one-row view of P3's floor (issue 15)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from common.compiled import CompiledQuery, marker_text


class CompiledTokenAuthentication(TokenAuthentication):
    _lookup: CompiledQuery | None = None

    @classmethod
    def _token_lookup(cls) -> CompiledQuery:
        if cls._lookup is None:
            model = cls().get_model()
            cls._lookup = CompiledQuery(
                lambda key: model.objects.select_related("user").filter(key=key), key=marker_text()
            )
        return cls._lookup

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        """As ``TokenAuthentication.authenticate_credentials``: the same answers and messages."""
        found = self._token_lookup().objects(key=key)
        if not found:
            raise AuthenticationFailed(_("Invalid token."))
        token = found[0]
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
