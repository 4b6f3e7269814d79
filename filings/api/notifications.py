"""``GET /api/v1/notifications/``: the caller's inbox, read from the filings' events.

There is no notification model yet (the outbox of ``notifications/`` comes with its own issue); until then the
inbox is what happened to the filings that concern the caller, done by someone else:
- applicants: every event of their own filings;
- specialists: filings arriving in the review queue, and every event of the filings they hold;
- operators: every event.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from rest_framework import generics, serializers

from filings.api.serializers import EventSerializer
from filings.models import REVIEW_STATES, FilingEvent
from filings.states import FilingState

S = FilingState


class NotificationSerializer(EventSerializer):
    filing = serializers.UUIDField(source="filing.code", read_only=True)
    filing_state = serializers.ChoiceField(source="filing.state", choices=FilingState.choices)


class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[FilingEvent]:
        user = self.request.user
        role = getattr(user, "role", None)
        events = FilingEvent.objects.select_related("filing")
        if role == "applicant":
            concerning = Q(filing__applicant=user)
        elif role == "specialist":
            concerning = Q(filing__claimed_by=user) | Q(
                to_state__in=REVIEW_STATES, filing__claimed_by__isnull=True
            )
        elif role == "operator":
            concerning = Q()
        else:
            return events.none()
        return events.filter(concerning).exclude(actor=user)
