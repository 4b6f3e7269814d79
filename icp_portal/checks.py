"""System checks for configuration mistakes that would otherwise only show at run time."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.module_loading import import_string

GATEWAY_SETTINGS = ("MIIT_GATEWAY", "REGISTRAR_GATEWAY", "LIVENESS_GATEWAY", "SMS_GATEWAY")


@register()
def gateways_importable(app_configs, **kwargs):
    errors = []
    for name in GATEWAY_SETTINGS:
        try:
            import_string(getattr(settings, name))
        except ImportError as exc:
            errors.append(
                Error(
                    f"{name} names {getattr(settings, name)!r}, which cannot be imported: {exc}",
                    id="icp.E001",
                )
            )
    return errors


@register()
def identity_keys_valid(app_configs, **kwargs):
    from cryptography.fernet import Fernet

    errors = []
    for key in settings.IDENTITY_ENCRYPTION_KEYS:
        try:
            Fernet(key)
        except (ValueError, TypeError):
            errors.append(
                Error(
                    "IDENTITY_ENCRYPTION_KEYS holds a value that is not a Fernet key.",
                    hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                    "print(Fernet.generate_key().decode())'",
                    id="icp.E002",
                )
            )
    if not settings.PROVIDER_CODE:
        errors.append(Error("PROVIDER_CODE is empty: MIIT knows this provider by it.", id="icp.E003"))
    return errors


@register(Tags.security, deploy=True)
def production_secrets(app_configs, **kwargs):
    problems = []
    if settings.SECRET_KEY == settings.INSECURE_DEFAULT_SECRET_KEY:
        problems.append(Error("SECRET_KEY is the development default.", id="icp.E010"))
    if not settings.IDENTITY_ENCRYPTION_KEYS or not settings.IDENTITY_HASH_KEY:
        problems.append(
            Error(
                "IDENTITY_ENCRYPTION_KEYS and IDENTITY_HASH_KEY must be set in production: identity numbers are "
                "otherwise protected by keys derived from SECRET_KEY.",
                id="icp.E011",
            )
        )
    if settings.CELERY_BROKER_URL.startswith(("filesystem://", "memory://")):
        problems.append(
            Warning("The Celery broker is the zero-setup one; set REDIS_URL in production.", id="icp.W010")
        )
    if settings.MIIT_GATEWAY.startswith("simulators."):
        problems.append(Warning("MIIT is the simulator.", id="icp.W011"))
    if settings.SECURE_SSL_REDIRECT and settings.SITE_URL.startswith("http://"):
        # Notification links and the address MIIT calls back would each go through a redirect (a POST
        # callback would lose its body).
        problems.append(
            Warning(
                "SITE_URL is http:// while SECURE_SSL_REDIRECT sends every request to https.",
                hint="Set SITE_URL to the https:// address.",
                id="icp.W012",
            )
        )
    return problems
