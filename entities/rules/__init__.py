"""The validation rules of the filing, as small pure functions.

Every rule takes plain values (a ``Region`` instance, a set of approved TLDs, a blacklist...) and returns a
list of ``Problem``: no database access, so the wizard can run a rule the moment a field is filled in and
``submit`` can run them all again. Look-ups that need the database (another entity using the same mobile, the
registrar's facts about a domain) are done by the caller, whose result is passed in.

Modules: ``identity`` (certificates, age, residency, registration province), ``contacts`` (mobile, phones,
email, legal representative), ``websites`` (names, counts, content type, homepage, pre-approval), ``domains``
(TLDs, nature TLD rules, registrar facts).
"""

from __future__ import annotations

from common.problems import Problem, add_months, problem, problems_to_fields, raise_for_problems

__all__ = ["Problem", "add_months", "problem", "problems_to_fields", "raise_for_problems"]
