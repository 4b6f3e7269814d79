"""Login lands here (``home``); registration, login and logout, the profile."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import LoginForm, ProfileForm, RegistrationForm
from accounts.models import User
from common.identity import mask_mobile
from entities.models import Entity, Website
from filings.models import FilingEvent, FilingWebsite
from filings.pages.progress import next_step
from filings.pages.regions import region_name
from filings.selectors import filing_deadlines, filings_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where every account lands after login: an applicant's dashboard, or the review side's list by role."""
    filings = filings_visible_to(request.user).select_related("region", "entity")
    if not request.user.is_applicant:
        return render(request, "accounts/home.html", {"filings": filings[:50]})
    filings = filings.prefetch_related(
        Prefetch(
            "filing_websites",
            queryset=FilingWebsite.objects.select_related("website__domain").order_by("position"),
        ),
        Prefetch("events", queryset=FilingEvent.objects.order_by("created_at", "id")),
    )[:100]
    rows = []
    for filing in filings:
        words, url = next_step(filing)
        rows.append(
            {
                "filing": filing,
                "domains": [item.website.domain.name for item in filing.filing_websites.all()],
                "region": region_name(filing.region),
                "next_words": words,
                "url": url,
                "deadlines": filing_deadlines(filing),
            }
        )
    entities = (
        Entity.objects.filter(owner=request.user)
        .exclude(icp_number="")
        .prefetch_related(Prefetch("websites", queryset=Website.objects.select_related("domain")))
        .order_by("name")
    )
    return render(request, "accounts/dashboard.html", {"rows": rows, "entities": entities})


def register(request: HttpRequest) -> HttpResponse:
    """A new applicant's account; logged in at once and sent to the dashboard."""
    if request.user.is_authenticated:
        return redirect("home")
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                user = services.applicant_register(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    mobile=form.cleaned_data["mobile"],
                    password=form.cleaned_data["password1"],
                    language=_page_language(),
                )
            except IntegrityError:  # the same username registered a moment ago
                form.add_error("username", _("This username is taken: choose another."))
            else:
                login(request, user)
                messages.success(
                    request,
                    _("Welcome, %(username)s. Your account is ready: start your first filing here.")
                    % {"username": user.username},
                )
                return redirect("home")
    else:
        form = RegistrationForm()
    return render(request, "accounts/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Django's login; the account's preferred language becomes the active one."""

    authentication_form = LoginForm

    def form_valid(self, form: LoginForm) -> HttpResponse:
        response = super().form_valid(form)
        remember_language(response, form.get_user().language)
        return response


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only), saying so on the login page it leads to."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in account's own details (there is no id in the URL: nobody reaches another's profile).

    Shown with the mobile masked; ``?change`` (or a refused POST) shows the form, the mobile as stored.
    """
    user: User = request.user
    form = None
    if request.method == "POST":
        # A copy: a refused form must not leave its values on request.user, which the header shows.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            language = form.cleaned_data["language"]
            services.profile_update(
                user=user,
                email=form.cleaned_data["email"],
                mobile=form.cleaned_data["mobile"],
                language=language,
                notify_by_email=form.cleaned_data["notify_by_email"],
                notify_by_sms=form.cleaned_data["notify_by_sms"],
            )
            with translation.override(language or translation.get_language()):
                messages.success(request, _("Your details are saved."))
            response = redirect("profile")
            if language:
                remember_language(response, language)
            else:  # back to the browser's own language
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
            return response
    elif "change" in request.GET:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "profile": user, "masked_mobile": mask_mobile(user.mobile)},
    )


def remember_language(response: HttpResponse, language: str) -> None:
    """Make ``language`` the browser's language, as ``django.views.i18n.set_language`` does."""
    if language not in dict(settings.LANGUAGES):
        return
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _page_language() -> str:
    """The page's language as one of the account's choices."""
    return "en" if (translation.get_language() or "").startswith("en") else "zh-hans"
