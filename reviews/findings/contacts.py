"""Contacts of the persons in charge: mobile, emergency phone and email valid (and local where the region
asks), different persons sharing no mobile or email, and duplicates across different entities.

- A mobile used by another entity: the rule is ``entities.rules.contacts.check_mobile_not_used_elsewhere``
  (with the other entities' mobiles looked up by ``filings.validation``), like every other contact rule.
  Severity **blocking**: MIIT refuses one mobile for two entities. It fires when another entity took the
  number after this filing was submitted.
- An email used by a person of another entity: no rule refuses it (a family or an agency may share one);
  severity **advisory** — the specialist checks the person when calling.
"""

from __future__ import annotations

from django.db.models.functions import Lower

from common.problems import Problem
from entities.models import Person
from reviews.findings.base import ADVISORY, Context, Found, from_problem, leaf

GROUP = "contacts"
FIELDS = frozenset({"mobile", "emergency_phone", "email"})


def claims(item: Problem) -> bool:
    return leaf(item.field) in FIELDS


def contact_findings(context: Context) -> list[Found]:
    return [from_problem(item, group=GROUP) for item in context.problems_where(claims)]


def people_of(context: Context) -> list[tuple[str, Person]]:
    """The persons in charge with their field prefixes: the entity's head, then each website's own head."""
    filing = context.filing
    entity = filing.entity
    people: list[tuple[str, Person]] = [("entity.head", entity.head)] if entity.head_id else []
    items = filing.filing_websites.select_related("website__head").order_by("position")
    for index, item in enumerate(items):
        head = item.website.head
        if head is not None and head.pk != entity.head_id:
            people.append((f"websites.{index}.head", head))
    return people


def email_elsewhere_findings(context: Context) -> list[Found]:
    """One query: the persons of other entities (another certificate) whose email is one of ours."""
    people = [(prefix, person) for prefix, person in people_of(context) if person.email.strip()]
    if not people:
        return []
    emails = {person.email.strip().lower() for _prefix, person in people}
    others = list(
        Person.objects.annotate(email_folded=Lower("email"))
        .filter(email_folded__in=emails)
        .exclude(entity__certificate_number_hash=context.filing.entity.certificate_number_hash)
        .values_list("email_folded", "certificate_number_hash")
    )
    found = []
    for prefix, person in people:
        email = person.email.strip().lower()
        # The same person (one certificate) in charge for two entities may keep one email.
        if any(e == email and h != person.certificate_number_hash for e, h in others):
            found.append(
                Found(
                    code="email_used_by_other_entity",
                    field=f"{prefix}.email",
                    severity=ADVISORY,
                    message=(
                        f"电子邮箱{email}也是其他主办者负责人的邮箱，请电话核实 / "
                        f"The email {email} is also a person in charge's of another entity; check it by phone."
                    ),
                    evidence={"group": GROUP},
                )
            )
    return found
