"""Settings, read from the environment (django-environ).

Every value has a zero-setup default so that the README's run command works on a fresh machine (SQLite and a
filesystem broker); production sets DATABASE_URL, REDIS_URL, SECRET_KEY and the identity keys. Mistakes that
would only show at run time are caught by the system checks in ``icp_portal/checks.py``.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The default key only serves the zero-setup demo and the tests; checks.py refuses it when DEBUG is off.
INSECURE_DEFAULT_SECRET_KEY = "insecure-dev-key-do-not-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where the portal is reached from outside: links in notifications, the MIIT callback address.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Local state of the zero-setup run: the SQLite file, the filesystem broker, private uploads.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_fsm",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "icp_portal",
    "common",
    "accounts",
    "entities",
    "instances",
    "notifications",
    "materials",
    "filings",
    "reviews",
    "simulators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "common.middleware.NoStoreForSignedInMiddleware",
]

ROOT_URLCONF = "icp_portal.urls"
WSGI_APPLICATION = "icp_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "common.context_processors.portal",
                "accounts.context_processors.notifications",  # after portal: fills its unread slot
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests run a real Celery worker in a thread beside the test: a file (not Django's shared in-memory
    # database, whose table locks fail under two writers) gives both the same WAL database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # The demo runs web, worker and beat against one SQLite file: WAL, immediate transactions and a busy
    # timeout keep "database is locked" away under that light concurrency.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # A new PostgreSQL connection per request costs about nine tenths of the throughput on this hardware.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the portal's queries are short, and compiling one costs more than running it (80 of
    # the review queue's 210 ms counting query at 100,000 filings, issue 15).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Email: the demo writes each message to a file under var/mail (read it there); production sets SMTP ------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ICP filing portal <beian@example.com>")

# --- Languages ------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and private files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded identity documents never live under a root a web server serves; one view streams them.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", default=str(VAR_DIR / "private")))

# --- Personal data --------------------------------------------------------------------------------------
# Fernet keys (comma-separated, newest first) encrypt identity numbers at rest; IDENTITY_HASH_KEY keys the
# HMAC column used for look-ups. The defaults are derived from SECRET_KEY for the demo only.
IDENTITY_ENCRYPTION_KEYS = env.list("IDENTITY_ENCRYPTION_KEYS", default=[])
IDENTITY_HASH_KEY = env.str("IDENTITY_HASH_KEY", default="")

# --- The provider ---------------------------------------------------------------------------------------
PROVIDER_NAME = env.str("PROVIDER_NAME", default="Alibaba Cloud")
# This provider's code in the MIIT registry: the access provider of the websites it hosts.
PROVIDER_CODE = env.str("PROVIDER_CODE", default="ALIYUN")
# Where applicants mail the signed paper materials in a region whose rule asks for them (the mailing step).
PROVIDER_MAILING_ADDRESS = env.str(
    "PROVIDER_MAILING_ADDRESS",
    default="浙江省杭州市示例路1号 ICP备案审核组（收） 310000 / "
    "ICP filing review team, 1 Example Road, Hangzhou 310000 (a demo address)",
)

# --- Gateways: the doors to the outside world, each implementation chosen here -------------------------
MIIT_GATEWAY = env.str("MIIT_GATEWAY", default="simulators.miit.SimulatedMiitGateway")
# The simulated MIIT decides this many seconds after a submission is ready for review.
SIMULATOR_MIIT_REVIEW_DELAY_SECONDS = env.float("SIMULATOR_MIIT_REVIEW_DELAY_SECONDS", default=5.0)
# The simulated outside world keeps its own clock: it reviews what is due (it also schedules itself when a
# submission becomes ready; this catches a lost countdown).
GATEWAY_BEAT_SCHEDULE = (
    {"simulated-miit-review": {"task": "simulators.tasks.miit_review_due_task", "schedule": 15.0}}
    if MIIT_GATEWAY.startswith("simulators.")
    else {}
)
# A shared secret MIIT's callback must present (the simulator presents it too).
MIIT_CALLBACK_TOKEN = env.str("MIIT_CALLBACK_TOKEN", default="")
# The registrar's facts about domains, the face-verification provider, and the SMS provider for the portal's
# own notices (gateways.sms.ConsoleSmsGateway logs them instead).
REGISTRAR_GATEWAY = env.str("REGISTRAR_GATEWAY", default="simulators.registrar.SimulatedRegistrarGateway")
LIVENESS_GATEWAY = env.str("LIVENESS_GATEWAY", default="simulators.liveness.SimulatedLivenessGateway")
SMS_GATEWAY = env.str("SMS_GATEWAY", default="simulators.sms.SimulatedSmsGateway")
# Certificate recognition (OCR): a local engine on the CPU, loaded once per worker process of the ``ocr``
# queue, never in the web process.
OCR_ENGINE = env.str("OCR_ENGINE", default="gateways.rapidocr_engine.RapidOcrEngine")

# --- Celery ---------------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")


def broker_transport_options(broker_url: str, broker_dir: Path) -> dict[str, object]:
    if broker_url.startswith("filesystem://"):
        # Zero-setup demo broker: works across processes on one host, but loses a message whose worker dies.
        # Every folder is named: kombu's defaults are relative to the working directory (a ``control/``
        # folder of broadcast bindings appeared in the checkout), and it creates none of their parents.
        folders = {
            "data_folder_in": broker_dir / "out",
            "data_folder_out": broker_dir / "out",
            "processed_folder": broker_dir / "processed",
            "control_folder": broker_dir / "control",
        }
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        return {**{name: str(folder) for name, folder in folders.items()}, "store_processed": False}
    # Must exceed the longest task and countdown, or Redis redelivers a task still running.
    return {"visibility_timeout": 3600}


CELERY_BROKER_TRANSPORT_OPTIONS = broker_transport_options(CELERY_BROKER_URL, BROKER_DIR)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# A queue per kind of job, so that a burst of one kind cannot delay another: slow image processing and
# certificate recognition never hold up the MIIT exchange or the notices. A worker started without ``-Q``
# consumes them all (the demo, the tests); production runs a worker per queue group (docker-compose.yml).
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = {name: {} for name in ("default", "miit", "notifications", "materials", "ocr")}
CELERY_TASK_ROUTES = {
    "filings.tasks.filing_hand_to_miit_task": {"queue": "miit"},
    "filings.tasks.filing_miit_outcome_task": {"queue": "miit"},
    "filings.tasks.miit_outcome_poll_task": {"queue": "miit"},
    "filings.tasks.miit_handover_sweep_task": {"queue": "miit"},
    "simulators.tasks.*": {"queue": "miit"},
    "notifications.tasks.*": {"queue": "notifications"},
    "materials.tasks.material_process_task": {"queue": "materials"},
    "materials.tasks.face_verification_result_task": {"queue": "materials"},
    "*.certificate_recognition_task": {"queue": "ocr"},
}


# --- Cache ---------------------------------------------------------------------------------------------
def cache_settings(redis_url: str) -> dict[str, dict[str, str]]:
    """The API's rate limits count in this cache: in Redis when there is one, so that every gunicorn worker
    and every web replica draws on one budget; local memory (per process) only for the zero-setup run."""
    if redis_url:
        # The same database as the Celery broker: the prefix keeps the two apart (never ``cache.clear()``
        # there, it would flush the broker's queues too).
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "icp-cache",
            }
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "icp-cache"}
    }


CACHES = cache_settings(REDIS_URL)

# --- REST API (api.md) ------------------------------------------------------------------------------------
# Token first: its ``WWW-Authenticate`` header makes an anonymous call a 401, not a 403.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "common.authentication.CompiledTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.CursorPage",
    "DEFAULT_SCHEMA_CLASS": "common.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "auth": env.str("API_THROTTLE_AUTH", default="10/minute"),
        "sms": env.str("API_THROTTLE_SMS", default="10/minute"),
        "uploads": env.str("API_THROTTLE_UPLOADS", default="60/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ICP filing portal API",
    "DESCRIPTION": "The applicant flow and the specialists' actions over JSON (docs: docs/api.md in the "
    "repository: authentication, status codes and every error code).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"FilingStateEnum": "filings.states.FilingState"},
    # Swagger UI and ReDoc from the sidecar's local files: no request leaves the machine.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "persistAuthorization": True},
}

# --- Filing rules that are settings, not regional data --------------------------------------------------
SMS_CODE_VALID_HOURS = 24
SMS_MAX_WRONG_CODES = 5
# Four eyes (review.md): a resubmission after an MIIT rejection needs a second specialist's approval as well
# as the first (regions switch it on for every filing with ``Region.second_approval_required``).
SECOND_APPROVAL_AFTER_MIIT_REJECTION = env.bool("SECOND_APPROVAL_AFTER_MIIT_REJECTION", default=False)
# The provider's review is due this many working days (Chinese calendar) after a round starts; a claim unused
# this long goes back to the queue (reviews.claims.review_claims_expire, every 5 minutes).
PROVIDER_REVIEW_WORKDAYS = env.int("PROVIDER_REVIEW_WORKDAYS", default=1)
REVIEW_CLAIM_TIMEOUT_MINUTES = env.int("REVIEW_CLAIM_TIMEOUT_MINUTES", default=120)

# --- Logging --------------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Deployment security (check --deploy) ---------------------------------------------------------------
# Each is off by default so that the zero-setup run and `docker compose up` work over plain http on
# localhost; production behind TLS turns them on (see .env.example).
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
# Load balancers and the container health check probe over plain http: no redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Browsers remember HSTS for this long: start small (3600) when first turning it on, then a year.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("BEHIND_TLS_PROXY", default=False):
    # The proxy terminates TLS and says so in this header; only set it when the proxy overwrites the header
    # a client sends, or a client could claim https.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
MIIT_OUTCOME_CALLBACK = "filings.tasks.miit_outcome_received"
# The simulated MIIT's "run the outcome job now": runs the portal's poll, returns the filings still in review.
MIIT_OUTCOME_POLL = "filings.tasks.miit_outcome_poll_now"
