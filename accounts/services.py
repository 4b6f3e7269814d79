"""Every write to an account made by the account's owner: registering as an applicant, changing the profile."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Role, User


@transaction.atomic
def applicant_register(*, username: str, email: str, mobile: str, password: str, language: str) -> User:
    """A new applicant's account; the values are already checked (``accounts.forms.RegistrationForm``).

    A username taken at the same moment by someone else raises ``IntegrityError`` (the unique index decides).
    """
    return User.objects.create_user(
        username=username,
        email=email,
        password=password,
        mobile=mobile,
        language=language,
        role=Role.APPLICANT,
    )


def profile_update(*, user: User, email: str, mobile: str, language: str) -> User:
    user.email = email
    user.mobile = mobile
    user.language = language
    user.save(update_fields=["email", "mobile", "language"])
    return user
