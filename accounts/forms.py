"""The account's forms: registration, login, the profile, and Django's password forms with the portal's words.

Forms parse and shape input only. A mobile is judged by the portal's one rule for mobiles
(``entities.rules.contacts.check_mobile``), so its messages read as they do in the filing wizard; the
passwords by the validators in ``settings.AUTH_PASSWORD_VALIDATORS``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from entities.models import Region
from entities.rules.contacts import check_mobile, normalise_mobile

LANGUAGE_CHOICES = [("", _("The browser's language")), *User._meta.get_field("language").choices]


def password_hint() -> str:
    """What the configured password validators ask, as one sentence for the field's hint."""
    return " ".join(str(text) for text in password_validation.password_validators_help_texts())


def clean_mobile(raw: str) -> str:
    """A Mainland mobile in its national form (``13800138000``), or the rule's own message as the error.

    An account belongs to no region, so the rule runs with a region that asks for no local number.
    """
    found = check_mobile(mobile=raw, region=Region(local_phone_required=False), field="mobile")
    if found:
        raise ValidationError(found[0].message, code=found[0].code)
    return normalise_mobile(raw)


def email_taken(email: str, *, other_than: User | None = None) -> bool:
    accounts = User.objects.filter(email__iexact=email)
    if other_than is not None:
        accounts = accounts.exclude(pk=other_than.pk)
    return accounts.exists()


EMAIL_TAKEN = _("An account with this email address already exists. Log in, or reset your password.")


def _mobile_field(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        required=required,
        help_text=_("A Mainland China mobile number, such as 138 0013 8000."),
        error_messages={"required": _("Enter a mobile number.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel-national", "inputmode": "tel"}),
    )


def _email_field(required: bool = True) -> forms.EmailField:
    return forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=required,
        error_messages={
            "required": _("Enter an email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def _new_password_fields(form: forms.BaseForm, first: str, second: str) -> None:
    """The portal's labels, a plain-text hint and GOV.UK's required messages on a pair of new-password fields."""
    form.fields[first].label = _("Password") if first == "password1" else _("New password")
    form.fields[first].help_text = password_hint()
    form.fields[first].error_messages["required"] = _("Enter a password.")
    form.fields[second].label = _("Confirm the password")
    form.fields[second].help_text = _("Type the same password again.")
    form.fields[second].error_messages["required"] = _("Type the password again to confirm it.")


class PasswordsMatchMixin:
    """The portal's words for two different passwords; a weak password is named on the first field, where it
    was chosen (Django names the confirmation)."""

    error_messages = {"password_mismatch": _("The two passwords are not the same.")}

    def validate_password_for_user(self, user: User, password_field_name: str = "password2") -> None:
        first = {"password2": "password1", "new_password2": "new_password1"}.get(password_field_name)
        super().validate_password_for_user(user, first or password_field_name)  # type: ignore[misc]


class RegistrationForm(PasswordsMatchMixin, auth_forms.UserCreationForm):
    """A new applicant's account: username, email, mobile and the password twice."""

    email = _email_field()
    mobile = _mobile_field()

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "mobile")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = _("Username")
        username.help_text = _(
            "You log in with it. Letters, digits and @ . + - _ only; up to 150 characters."
        )
        username.error_messages["required"] = _("Enter a username.")
        username.widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        username.widget.attrs.pop("autofocus", None)  # the error summary takes the focus when there is one
        _new_password_fields(self, "password1", "password2")

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username", "")
        if username and User.objects.filter(username__iexact=username).exists():
            raise ValidationError(
                _("The username “%(username)s” is taken: choose another."),
                code="username_taken",
                params={"username": username},
            )
        return username

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data.get("email", ""))
        if email and email_taken(email):
            raise ValidationError(EMAIL_TAKEN, code="email_taken")
        return email

    def clean_mobile(self) -> str:
        return clean_mobile(self.cleaned_data.get("mobile", ""))


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login with one message for every refusal: it does not tell which accounts exist or are
    inactive."""

    error_messages = {
        "invalid_login": _("Your username and password didn't match. Please try again."),
        "inactive": _("Your username and password didn't match. Please try again."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["username"].error_messages["required"] = _("Enter your username.")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].label = _("Password")
        self.fields["password"].error_messages["required"] = _("Enter your password.")
        if self.is_bound:  # a refused login focuses the error summary instead
            self.fields["username"].widget.attrs.pop("autofocus", None)


class ProfileForm(forms.ModelForm):
    """What an account may change of itself. An applicant keeps an email and a mobile (MIIT's messages and
    password resets reach them there); the review side's accounts may leave them blank."""

    email = _email_field()
    mobile = _mobile_field()
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The portal's language after you log in, and of the emails it sends you."),
    )
    notify_by_email = forms.BooleanField(
        label=_("Send me every notice by email too"),
        required=False,
        help_text=_("Notices always reach your inbox in the portal."),
    )
    notify_by_sms = forms.BooleanField(
        label=_("Send me urgent notices by SMS"),
        required=False,
        help_text=_("When MIIT has texted verification codes, or a deadline is close."),
    )

    class Meta:
        model = User
        fields = ("email", "mobile", "language", "notify_by_email", "notify_by_sms")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.is_applicant:
            self.fields["email"].required = False
            self.fields["mobile"].required = False

    def clean_email(self) -> str:
        email = BaseUserManager.normalize_email(self.cleaned_data.get("email", ""))
        if email and email_taken(email, other_than=self.instance):
            raise ValidationError(EMAIL_TAKEN, code="email_taken")
        return email

    def clean_mobile(self) -> str:
        raw = self.cleaned_data.get("mobile", "")
        if not raw and not self.fields["mobile"].required:
            return ""
        return clean_mobile(raw)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset, the email written in the account's own language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"] = _email_field()
        self.fields["email"].help_text = _("The email address of your account.")

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        with translation.override(context["user"].language or None):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class SetPasswordForm(PasswordsMatchMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _new_password_fields(self, "new_password1", "new_password2")


class PasswordChangeForm(PasswordsMatchMixin, auth_forms.PasswordChangeForm):
    error_messages = {
        **PasswordsMatchMixin.error_messages,
        "password_incorrect": _("Your current password is not right. Type it again."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["old_password"].error_messages["required"] = _("Enter your current password.")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        _new_password_fields(self, "new_password1", "new_password2")
