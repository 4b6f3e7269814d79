"""The rows of one generated filing in every table it touches, as COPY text (``bench.generate`` drives it)."""

from __future__ import annotations

import random
import time
from typing import Any

from django.contrib.auth import get_user_model

from bench.copying import Table
from bench.paths import role_of
from common.identity import encrypt_identity, identity_hash, mask_identity
from entities.models import Domain, Entity, Person, Region, Website
from filings.models import Filing, FilingEvent, FilingWebsite
from instances.models import Instance, ServiceNumber
from materials.models import Material
from notifications.models import Notification
from reviews.models import Finding, FindingRun

DAY = 86400
NOW = int(time.time())
TYPES = {
    "initial": 60,
    "new_website_entity_here": 20,
    "new_access": 10,
    "new_website_entity_elsewhere": 5,
    "new_website_entity_at_miit": 5,
}
NATURES = {
    "individual": 45,
    "enterprise": 45,
    "public_institution": 4,
    "social_organisation": 3,
    "government": 3,
}
NOTICES = {
    "submit": "filing_submitted",
    "reject": "filing_returned",
    "miit_reject": "filing_miit_returned",
    "miit_approve": "filing_approved",
    "withdraw": "filing_withdrawn",
}
AT_MIIT = {"approved", "miit_review", "miit_rejected", "sms_verification"}  # those with a MIIT reference
NUMBER_POOL = 4000  # distinct identity numbers encrypted once (see bench/generate.py)
PASSWORD = "!bench-unusable"  # an unusable password: generated people do not log in
NULL = r"\N"


_DAYS: dict[int, str] = {}


def ts(seconds: int) -> str:
    """A UTC timestamp as COPY text (the day's part formatted once: a fifth of the generator's time)."""
    day, rest = divmod(seconds, DAY)
    prefix = _DAYS.get(day)
    if prefix is None:
        prefix = _DAYS[day] = time.strftime("%Y-%m-%d ", time.gmtime(day * DAY))
    hour, rest = divmod(rest, 3600)
    return f"{prefix}{hour:02d}:{rest // 60:02d}:{rest % 60:02d}+00"


def uuid_text(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"  # PostgreSQL reads 32 hex digits as a uuid


def make_tables() -> dict[str, Table]:
    specs: list[tuple[Any, str]] = [
        (
            get_user_model(),
            "id password username first_name last_name email date_joined code role language mobile",
        ),
        (
            Entity,
            "id certificate_type certificate_number_encrypted certificate_number_hash "
            "certificate_number_masked certificate_valid_until code nature name certificate_address "
            "mailing_address icp_number created_at owner_id head_id region_id",
        ),
        (
            Person,
            "id certificate_type certificate_number_encrypted certificate_number_hash "
            "certificate_number_masked certificate_valid_until code name mobile emergency_phone email "
            "is_legal_representative entity_id",
        ),
        (
            Website,
            "id code name homepage_url content_type website_number entity_id head_id languages "
            "pre_approvals psb_number",
        ),
        (Domain, "id name ascii_name website_id"),
        (Instance, "id code instance_id kind cloud_region is_mainland public_ip billing expires_at owner_id"),
        (ServiceNumber, "id code consumed_at instance_id"),
        (
            Filing,
            "id code filing_type state registry_domain_count review_round claimed_at claimed_by_id "
            "mailing_courier mailing_tracking_number miit_reference created_at updated_at applicant_id "
            "entity_id region_id review_due_on",
        ),
        (FilingWebsite, "id position filing_id service_number_id website_id"),
        (FilingEvent, "id actor_role transition from_state to_state created_at actor_id filing_id"),
        (
            Material,
            "id code kind category status rejection_code rejection_message original_name size "
            "quarantine_path file_path thumbnail_path content_type sha256 perceptual_hash width height "
            "created_at processed_at filing_id uploaded_by_id website_id",
        ),
        (FindingRun, "id review_round at filing_id"),
        (Finding, "id review_round code field severity message created_at resolution note filing_id"),
        (
            Notification,
            "id code email mobile channel kind dedupe_key created_at sent_at last_error read_at "
            "filing_id recipient_id",
        ),
    ]
    return {model._meta.db_table: Table(model, columns.split()) for model, columns in specs}


class ChunkWriter:
    """Adds the rows of one filing at a time to the tables (not thread-safe: one producer)."""

    def __init__(self, tables: dict[str, Table], *, rng: random.Random, run: str) -> None:
        self.t = tables
        self.rng = rng
        self.run = run
        self.regions = list(Region.objects.values_list("id", "code", "icp_prefix"))
        self.people_numbers = [
            self._number(f"11010119{1960 + i % 40}0307{i:04d}"[:17] + "X") for i in range(NUMBER_POOL)
        ]
        self.entity_numbers = [self._number(f"91110000MA{i:07d}X") for i in range(NUMBER_POOL)]
        self.specialists: list[int] = []
        self.applicant = 0
        self.applicant_left = 0
        self.serial = 0

    @staticmethod
    def _number(number: str) -> tuple[str, str, str]:
        return encrypt_identity(number), identity_hash(number), mask_identity(number)

    def _user(self, role: str, name: str, *, staff: bool = False) -> int:
        table = self.t["accounts_user"]
        user_id = table.take_id()
        table.add(
            f"{user_id}\t{PASSWORD}\tbench-{self.run}-{name}\t\t\t{name}@bench.example\t{ts(NOW - 900 * DAY)}"
            f"\t{uuid_text(self.rng)}\t{role}\tzh-hans\t139{user_id % 10**8:08d}"
        )
        return user_id

    def add_staff(self) -> None:
        self.specialists = [self._user("specialist", f"specialist-{n}") for n in range(1, 9)]
        self.operator = self._user("operator", "operator")

    def _applicant(self) -> int:
        """Applicants with one to five filings each."""
        if self.applicant_left == 0:
            self.serial += 1
            self.applicant = self._user("applicant", f"a{self.serial}")
            self.applicant_left = self.rng.choice((1, 1, 1, 2, 2, 3, 5))
        self.applicant_left -= 1
        return self.applicant

    def _person(self, entity_id: int, index: int, *, legal: bool) -> int:
        table = self.t["entities_person"]
        person_id = table.take_id()
        encrypted, hashed, masked = self.people_numbers[index % NUMBER_POOL]
        table.add(
            f"{person_id}\tresident_id\t{encrypted}\t{hashed}\t{masked}\t2035-01-01\t{uuid_text(self.rng)}"
            f"\t负责人{person_id % 1000}\t139{person_id % 10**8:08d}\t010-6{person_id % 10**7:07d}"
            f"\tp{person_id}@bench.example\t{'t' if legal else 'f'}\t{entity_id}"
        )
        return person_id

    def add_filing(self, state: str, website_count: int, path: list[tuple[str, str, str]]) -> None:
        rng, t = self.rng, self.t
        applicant = self._applicant()
        region_id, _region_code, icp_prefix = rng.choice(self.regions)
        nature = rng.choices(list(NATURES), weights=list(NATURES.values()))[0]
        filing_id = t["filings_filing"].take_id()
        entity_id = t["entities_entity"].take_id()
        created = NOW - rng.randrange(2 * 365 * DAY) - len(path) * 6 * 3600
        approved = state == "approved"
        # The entity and its people.
        head = self._person(entity_id, filing_id, legal=True)
        second = (
            self._person(entity_id, filing_id + 7, legal=False)
            if nature != "individual" and website_count > 1
            else None
        )
        numbers = self.entity_numbers if nature != "individual" else self.people_numbers
        encrypted, hashed, masked = numbers[filing_id % NUMBER_POOL]
        certificate = "resident_id" if nature == "individual" else "business_licence"
        icp = f"{icp_prefix}ICP备{filing_id:08d}号" if approved else ""
        t["entities_entity"].add(
            f"{entity_id}\t{certificate}\t{encrypted}\t{hashed}\t{masked}\t2035-01-01\t{uuid_text(rng)}\t{nature}"
            f"\t主办单位{filing_id}\t北京市示例路{filing_id % 999}号\t北京市示例路{filing_id % 999}号\t{icp}"
            f"\t{ts(created)}\t{applicant}\t{head}\t{region_id}"
        )
        # Its instance, with a service number per website once step 2 is behind.
        passed_instances = len(path) >= 2 and state not in ("type_detection", "instance_verification")
        numbers_ids: list[str] = []
        if passed_instances:
            instance_id = t["instances_instance"].take_id()
            t["instances_instance"].add(
                f"{instance_id}\t{uuid_text(rng)}\ti-{self.run}{instance_id}\tecs\tcn-beijing\tt"
                f"\t10.{instance_id % 250}.{instance_id // 250 % 250}.{instance_id % 200 + 1}\tsubscription"
                f"\t{ts(NOW + 365 * DAY)}\t{applicant}"
            )
            for _index in range(website_count):
                number_id = t["instances_servicenumber"].take_id()
                consumed = ts(created + DAY) if approved else NULL
                t["instances_servicenumber"].add(
                    f"{number_id}\tSN{self.run}{number_id:010d}\t{consumed}\t{instance_id}"
                )
                numbers_ids.append(str(number_id))
        # The websites and their domains.
        website_ids = []
        for position in range(website_count):
            website_id = t["entities_website"].take_id()
            website_ids.append(website_id)
            own_head = second if second is not None and position > 0 else head
            number = f"{icp}-{position + 1}" if approved else ""
            t["entities_website"].add(
                f"{website_id}\t{uuid_text(rng)}\t网站{website_id}\thttps://w{website_id}.bench.cn/\tgeneral"
                f"\t{number}\t{entity_id}\t{own_head}\tzh-hans\t[]\t"
            )
            domain = f"w{website_id}.bench.cn"
            t["entities_domain"].add(f"{t['entities_domain'].take_id()}\t{domain}\t{domain}\t{website_id}")
            service = numbers_ids[position] if numbers_ids else NULL
            t["filings_filingwebsite"].add(
                f"{t['filings_filingwebsite'].take_id()}\t{position}\t{filing_id}\t{service}\t{website_id}"
            )
        # The events of its path, the review rounds, findings and notices.
        at, review_round, claimed = created, 0, NULL
        specialist = rng.choice(self.specialists)
        for transition, source, target in path:
            at += rng.randrange(600, 2 * DAY)
            role = role_of(transition)
            actor = applicant if role == "applicant" else specialist if role == "specialist" else NULL
            t["filings_filingevent"].add(
                f"{t['filings_filingevent'].take_id()}\t{role}\t{transition}\t{source}\t{target}\t{ts(at)}\t{actor}\t{filing_id}"
            )
            if target == "provider_review":
                review_round += 1
                t["reviews_findingrun"].add(
                    f"{t['reviews_findingrun'].take_id()}\t{review_round}\t{ts(at + 60)}\t{filing_id}"
                )
                if rng.random() < 0.25:
                    t["reviews_finding"].add(
                        f"{t['reviews_finding'].take_id()}\t{review_round}\tcertificate_expiring\tmaterials.id_front"
                        f"\tadvisory\t证件即将过期 / The certificate expires soon\t{ts(at + 60)}\t\t\t{filing_id}"
                    )
            if transition in NOTICES:
                self._notices(filing_id, applicant, NOTICES[transition], at)
        if state == "provider_review" and rng.random() < 0.3:
            claimed = ts(at + 3600)
        else:
            specialist = None
        # Materials once step 4 was done.
        done = any(step[0] == "complete_materials" for step in path)
        if done or (state == "materials" and rng.random() < 0.5):
            self._materials(filing_id, applicant, nature, website_ids, created + DAY)
        filing_type = (
            "" if state == "type_detection" else rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
        )
        due = time.strftime("%Y-%m-%d", time.gmtime(at + 5 * DAY)) if state == "provider_review" else NULL
        t["filings_filing"].add(
            f"{filing_id}\t{uuid_text(rng)}\t{filing_type}\t{state}\t0\t{review_round}\t{claimed}"
            f"\t{specialist if specialist else NULL}\t\t\t{'M' + str(filing_id) if state in AT_MIIT else ''}"
            f"\t{ts(created)}\t{ts(at)}\t{applicant}\t{entity_id}\t{region_id}\t{due}"
        )

    def _notices(self, filing_id: int, applicant: int, kind: str, at: int) -> None:
        table = self.t["notifications_notification"]
        for channel in ("inbox", "email"):
            notice_id = table.take_id()
            read = ts(at + 3600) if channel == "inbox" and self.rng.random() < 0.8 else NULL
            email = f"a{applicant}@bench.example" if channel == "email" else ""
            table.add(
                f"{notice_id}\t{uuid_text(self.rng)}\t{email}\t\t{channel}\t{kind}\tbench-{self.run}-{notice_id}"
                f"\t{ts(at)}\t{ts(at + 30)}\t\t{read}\t{filing_id}\t{applicant}"
            )

    def _materials(self, filing_id: int, applicant: int, nature: str, websites: list[int], at: int) -> None:
        table = self.t["filings_material"]
        kinds: list[tuple[str, Any]] = (
            [("id_front", None), ("id_back", None)]
            if nature == "individual"
            else [("entity_certificate", None), ("entity_head_id_front", None), ("entity_head_id_back", None)]
        )
        kinds += [("verification_form", website) for website in websites]
        for kind, website in kinds:
            material_id = table.take_id()
            digest = f"{self.rng.getrandbits(256):064x}"
            path = f"materials/{filing_id}/{material_id}.jpg"
            table.add(
                f"{material_id}\t{uuid_text(self.rng)}\t{kind}\t\taccepted\t\t\t{kind}.jpg"
                f"\t{self.rng.randrange(200_000, 3_000_000)}"
                f"\t\t{path}\t{path}.thumb.jpg\timage/jpeg\t{digest}\t{digest[:16]}\t2000\t1500"
                f"\t{ts(at)}\t{ts(at + 20)}\t{filing_id}\t{applicant}\t{website if website else NULL}"
            )
