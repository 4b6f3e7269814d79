"""``manage.py regions_doc``: docs/regions.md, the regional rules as seeded from ``entities/data/regions.csv``.

Generated so that the page cannot drift from the data (a test compares them); the admin may since have changed a
region's rules in a running portal, which ``GET /api/v1/regions/`` reports.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from entities.regions import region_rows

RESIDENCY = {
    "any": "any ID",
    "residence_permit": "non-local ID: residence permit",
    "local_only": "local ID only",
}

HEADER = """# Regional rules

The rules each provincial region applies to a filing, as the portal seeds them from
[`entities/data/regions.csv`](../entities/data/regions.csv). Operators edit them in the admin (*Regions*); a change
applies to filings validated after it, and `GET /api/v1/regions/` always answers with the rules in force.
This page is generated: `python manage.py regions_doc > docs/regions.md` (a test fails when it falls behind the
CSV).

Columns:
- **SMS**: MIIT sends SMS codes to the people named, who must enter them within 24 hours (step 8).
- **mailing**: when the approved filing goes to the `mailing` step (paper materials): `always`, a threshold on
  the number of domains the entity will hold (`individual>5;organization>31`: more than 5 for an individual,
  more than 31 for an organisation), or never (—).
- **local phone**: the mobile numbers must be registered in this region.
- **residency**: which individuals may file here: anyone, non-local IDs with a residence permit, or local IDs only.
- **legal rep.**: the entity's person in charge must be its legal representative (otherwise an authorisation
  letter is required).
- **domain age**: months the domain must still be valid for (0: no minimum).
- **max domains**: websites per filing, when lower than the portal's 10; **min age**: of an individual and of each
  person in charge; **review days**: MIIT's working days, shown in deadlines; **cancel empty entity**: an entity
  with no website anywhere must be cancelled before a new website is filed.
- **blacklist**: words an individual's website name must not contain.

"""

COLUMNS = (
    "region",
    "ICP prefix",
    "SMS",
    "mailing",
    "local phone",
    "residency",
    "legal rep.",
    "domain age",
    "max domains",
    "min age",
    "review days",
    "cancel empty entity",
    "blacklist",
)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _row(region: dict[str, Any]) -> list[str]:
    prefix = region["icp_prefix"] + (f" ({region['icp_prefix_alt']})" if region["icp_prefix_alt"] else "")
    return [
        f"{region['code']} {region['name_zh']} {region['name_en']}",
        prefix,
        _yes(region["sms_required"]),
        f"`{region['mailing_rule']}`" if region["mailing_rule"] else "—",
        _yes(region["local_phone_required"]),
        RESIDENCY.get(region["individual_residency"], region["individual_residency"]),
        _yes(region["head_must_be_legal_rep"]),
        str(region["domain_min_months"]),
        str(region["max_domains_per_order"] or "—"),
        str(region["min_age"] or "—"),
        str(region["review_workdays"]),
        _yes(region["empty_entity_must_cancel"]),
        " ".join(region["individual_name_blacklist"].split()) or "—",
    ]


def regions_markdown() -> str:
    lines = [HEADER.rstrip("\n"), "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_row(region)) + " |" for region in region_rows()]
    return "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "Print docs/regions.md, generated from entities/data/regions.csv."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(regions_markdown(), ending="")
