"""The generated filings' proportions and the path of transitions that brings a filing to each state.

The paths follow ``filings/models.py`` (``tests/bench/test_generate.py`` checks every step against the state
machine), so each generated filing has one event per transition it went through, as the services write them.
"""

from __future__ import annotations

import random

# Filings per 100,000 in each state: a provider some years in (most approved or withdrawn), a few thousand
# in the provider's review, some returned, the rest spread over the wizard and MIIT.
STATES = {
    "approved": 60000,
    "withdrawn": 14000,
    "type_detection": 2500,
    "instance_verification": 1500,
    "information": 3500,
    "materials": 4000,
    "self_check": 1500,
    "provider_review": 4000,
    "provider_rejected": 3000,
    "mailing": 800,
    "miit_submission": 200,
    "sms_verification": 700,
    "miit_review": 2500,
    "miit_rejected": 1800,
}
# Websites per filing (weights): most filings have one, a few have the maximum of ten.
WEBSITE_COUNTS = {1: 70, 2: 14, 3: 7, 4: 3, 5: 2, 6: 1.2, 7: 0.8, 8: 0.7, 9: 0.6, 10: 0.7}
MAILING_SHARE = 0.1  # of approvals, through the regions that ask for paper
SMS_SHARE = 0.25  # of hand-overs, where MIIT sends codes
RESUBMITTED_SHARE = 0.12  # of filings past the provider's review, returned once before

WIZARD = [
    ("detect_type", "type_detection", "instance_verification"),
    ("verify_instance", "instance_verification", "information"),
    ("enter_information", "information", "materials"),
    ("complete_materials", "materials", "self_check"),
    ("submit", "self_check", "provider_review"),
]
ROLES = {
    "approve": "specialist",
    "reject": "specialist",
    "confirm_mail_received": "specialist",
    "hand_to_miit": "system",
    "miit_approve": "system",
    "miit_reject": "system",
}  # everything else is the applicant's

Step = tuple[str, str, str]  # transition, from, to


def _after_review(rng: random.Random, state: str) -> list[Step]:
    """From the provider's approval to MIIT's (through ``state`` when it is mailing or SMS verification)."""
    steps: list[Step] = []
    if state == "mailing" or rng.random() < MAILING_SHARE:
        steps += [
            ("approve", "provider_review", "mailing"),
            ("confirm_mail_received", "mailing", "miit_submission"),
        ]
    else:
        steps.append(("approve", "provider_review", "miit_submission"))
    if state == "sms_verification" or rng.random() < SMS_SHARE:
        steps += [
            ("hand_to_miit", "miit_submission", "sms_verification"),
            ("verify_sms", "sms_verification", "miit_review"),
        ]
    else:
        steps.append(("hand_to_miit", "miit_submission", "miit_review"))
    return [*steps, ("miit_approve", "miit_review", "approved")]


def path_to(state: str, rng: random.Random) -> list[Step]:
    """The transitions a filing now in ``state`` went through, in order."""
    if state == "withdrawn":
        # Mostly abandoned in the wizard, some after a return.
        at = rng.choice(
            ["type_detection"] * 3 + ["information"] * 3 + ["materials"] * 2 + ["provider_rejected"]
        )
        return [*path_to(at, rng), ("withdraw", at, "withdrawn")]
    if state == "provider_rejected":
        return [*path_to("provider_review", rng), ("reject", "provider_review", "provider_rejected")]
    if state == "miit_rejected":
        return [*path_to("miit_review", rng), ("miit_reject", "miit_review", "miit_rejected")]
    steps: list[Step] = []
    for step in WIZARD:
        if step[1] == state:
            return steps
        steps.append(step)
    if rng.random() < RESUBMITTED_SHARE:  # one round returned and answered before this one
        steps += [
            ("reject", "provider_review", "provider_rejected"),
            ("resubmit", "provider_rejected", "provider_review"),
        ]
    if state == "provider_review":
        return steps
    for step in _after_review(rng, state):
        if step[1] == state:
            return steps
        steps.append(step)
    if state != "approved":
        raise ValueError(state)
    return steps


def role_of(transition: str) -> str:
    return ROLES.get(transition, "applicant")
