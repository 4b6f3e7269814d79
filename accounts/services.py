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


def profile_update(
    *,
    user: User,
    email: str,
    mobile: str,
    language: str,
    notify_by_email: bool | None = None,
    notify_by_sms: bool | None = None,
) -> User:
    """The account's own details; the notice channels only when given (None leaves them as they are)."""
    user.email = email
    user.mobile = mobile
    user.language = language
    fields = ["email", "mobile", "language"]
    if notify_by_email is not None:
        user.notify_by_email = notify_by_email
        fields.append("notify_by_email")
    if notify_by_sms is not None:
        user.notify_by_sms = notify_by_sms
        fields.append("notify_by_sms")
    user.save(update_fields=fields)
    return user
