"""``manage.py demo_review``: the specialist's decisions from the command line, until the review pages exist.

    demo_review                      list the filings waiting for the provider (review or mail receipt)
    demo_review approve <code>       claim and approve as the demo specialist (``--as`` another account)
    demo_review reject <code> --reason entity_name_mismatch:entity.name [--reason …]
    demo_review mail-received <code> confirm the paper materials arrived (filings in ``mailing``)

``<code>`` is the filing's code or its first characters (shown in the filing page's address). The decisions go
through ``reviews.services``, as the review API does.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from common.errors import ApplicationError
from filings.models import Filing
from filings.states import FilingState
from reviews import services as review_services

S = FilingState


class Command(BaseCommand):
    help = "Approve, reject or confirm the mail of a filing as the demo specialist (until the review pages exist)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "action", nargs="?", choices=["list", "approve", "reject", "mail-received"], default="list"
        )
        parser.add_argument("code", nargs="?", help="The filing's code, or its first characters")
        parser.add_argument("--as", dest="username", default="specialist", help="The specialist's username")
        parser.add_argument(
            "--reason", action="append", default=[], help="code:field, e.g. entity_name_mismatch:entity.name"
        )

    def handle(
        self, *args: Any, action: str, code: str | None, username: str, reason: list[str], **options: Any
    ) -> None:
        if action == "list":
            return self._list()
        filing = self._filing(code)
        specialist = get_user_model().objects.filter(username=username, role="specialist").first()
        if specialist is None:
            raise CommandError(f"There is no specialist account “{username}” (run seed_demo).")
        try:
            if action == "mail-received":
                review_services.review_confirm_mail(filing=filing, by=specialist)
            else:
                if filing.claimed_by_id != specialist.pk:
                    filing = review_services.review_claim(filing=filing, by=specialist)
                if action == "approve":
                    review_services.review_approve(filing=filing, by=specialist)
                else:
                    reasons = [self._reason(item) for item in reason]
                    if not reasons:
                        raise CommandError("Give at least one --reason code:field.")
                    review_services.review_reject(filing=filing, by=specialist, reasons=reasons)
        except ApplicationError as error:
            raise CommandError(f"{error.message} {error.fields or ''}".strip()) from error
        filing.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(f"{filing.code}: now {filing.state}"))

    def _list(self) -> None:
        waiting = Filing.objects.filter(state__in=[S.PROVIDER_REVIEW, S.MAILING]).select_related("entity")
        if not waiting:
            self.stdout.write("No filing is waiting for the provider.")
        for filing in waiting.order_by("updated_at"):
            domains = ", ".join(filing.filing_websites.values_list("website__domain__name", flat=True))
            self.stdout.write(f"  {filing.code}  {filing.state:<16} {domains}")

    def _filing(self, code: str | None) -> Filing:
        if not code:
            raise CommandError("Give the filing's code (demo_review lists them).")
        matches = [
            f for f in Filing.objects.all().only("code", "state") if str(f.code).startswith(code.lower())
        ]
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} filings have a code starting with “{code}”.")
        return Filing.objects.get(pk=matches[0].pk)

    def _reason(self, text: str) -> dict[str, str]:
        reason_code, _colon, field = text.partition(":")
        if not reason_code or not field:
            raise CommandError(f"A reason is code:field, not “{text}”.")
        return {"code": reason_code, "field": field}
