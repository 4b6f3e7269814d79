"""How a filing reloads itself: the plumbing under ``filings.models.Filing``, kept apart so that the model
file reads as the process only."""

from __future__ import annotations

from typing import Any

from django.db import models


class ThreadSafeRefreshMixin:
    """Put before django-fsm's ``ConcurrentTransitionMixin`` in a model's bases."""

    def refresh_from_db(
        self, using: str | None = None, fields: Any = None, from_queryset: Any = None
    ) -> None:
        """Reload without django-fsm's own refresh, which switches protection off on the state field — one
        object shared by every thread — and back on: two threads refreshing at once (a threaded worker, the
        tests' worker thread) then refuse each other's reload. Taking the value out of this instance lets the
        protected descriptor accept the fresh one, touching nothing shared."""
        if fields is None:
            deferred = self.get_deferred_fields()
            fields = [f.attname for f in self._meta.concrete_fields if f.attname not in deferred]
            self._prefetched_objects_cache = {}
        # Always: ConcurrentTransitionMixin reads the state of every instance it builds, so the reloaded copy
        # carries it even when ``fields`` does not name it, and Django copies it over.
        self.__dict__.pop("state", None)
        models.Model.refresh_from_db(self, using=using, fields=fields, from_queryset=from_queryset)
        self._update_initial_state()  # ConcurrentTransitionMixin compares saves with the state read here
