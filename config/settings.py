"""Council Desk settings: every value comes from the environment.

Embedded default (no variables set, DEBUG=1): SQLite under var/, Celery on kombu's filesystem
transport, e-mail to the console. Production: DEBUG unset, and DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS, EMAIL_URL given. Nothing here guesses a production value.

This module is production's: it installs the product's apps only. The demo data and the benchmarks
(the demo and bench apps) come with config.settings_dev, which `make run`, the benchmarks and the
test settings use.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config import durations, ldap_env, log_json, sentry
from config.admins import admins_from
from config.media_storage import media_storage
from config.oidc import oidc_providers_from_env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-key-never-used-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set to 50 or more random characters when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "csp",
    "common",
    "translations",
    "council",
    "accounts",
    "teams",
    "assemblies",
    "secretariat",
    "reminders",
    "dashboards",
    "api",
    "ninja",  # the read API's documentation page: Swagger UI from the package's own static files
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "common.middleware.PermissionsPolicyMiddleware",  # first: every response, static files included
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "common.middleware.FormLineBreaksMiddleware",  # after the CSRF check, which reads the form first
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "common.middleware.PrivateCacheMiddleware",  # after authentication: it asks who is signed in
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.PersonPreferencesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.RefusedRequestLogMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.ldap_signin.DirectoryRecheckMiddleware",  # a person disabled in their city's directory
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "council.context_processors.access",
                "reminders.context_processors.unread_notifications",
                "common.kept_pages.placeholders",  # last: a page being kept shows no CSRF token of its own
            ],
        },
    },
]

if "DATABASE_URL" not in env:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# The embedded default with several people (and the reminders' worker) writing at once: a transaction
# takes the write lock when it begins, and another waits for it (up to 20 s), where one that had read first
# would fail at its first write ("database is locked"); in WAL mode, pages are read beside a writer.
SQLITE_OPTIONS = {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
# The exchange index INCLUDEs the columns the dashboard sums (PostgreSQL); SQLite, the embedded default,
# builds it without them, and says so at every migrate: known, and harmless there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "council.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in. Lockout (django-axes): after AXES_FAILURE_LIMIT failed passwords or two-factor codes for one
# username from one address, that pair waits AXES_COOLOFF_MINUTES. Attempts are written in their own
# statements (ATOMIC_REQUESTS is off), so a request that fails later still leaves them recorded.
# Requests each API token may make (per second, minute, hour or day), counted in the cache.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/min")

AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# The pair alone would let one address try 4 passwords on every username each cool-off, and a username
# be tried 4 times from every address. So an address is also locked after AXES_ADDRESS_FAILURE_LIMIT
# failures whatever the usernames, and a username after AXES_USERNAME_FAILURE_LIMIT whatever the
# addresses (accounts.lockout). A city office signs in from one NAT address, and each person's typos are
# cleared by their next successful sign-in: 30 failures left in 15 minutes is guessing, not typing. A
# person may mistype on a phone and a desktop, and a lockout by username is one others can cause: 15,
# three times the pair's.
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_USERNAME_FAILURE_LIMIT = env.int("AXES_USERNAME_FAILURE_LIMIT", default=15)
for _name in ("AXES_FAILURE_LIMIT", "AXES_ADDRESS_FAILURE_LIMIT", "AXES_USERNAME_FAILURE_LIMIT"):
    if vars()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be 1 or more.")
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"], ["username"]]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "accounts.security.attempted_username"  # within the column's length
# Behind the reverse proxy (deploy/nginx sets X-Forwarded-For to the client's address): the lockout
# and the security log use that address, not the proxy's (accounts.security.client_address).
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_address"
# Its record of each sign-in (who, when, from where) is kept this many days (accounts.tasks, daily).
SIGN_IN_LOG_DAYS = env.int("SIGN_IN_LOG_DAYS", default=90)
# Sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after sign-in
# (accounts.middleware.SessionTimeoutMiddleware); the cookie does not outlive the second.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# Two-factor sign-in (TOTP, django-otp) is open to everyone; with TWO_FACTOR_REQUIRED (on unless DEBUG)
# secretariat staff and administrators cannot use the app until they have set it up.
OTP_REQUIRED_FOR_STAFF = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
# The admin shows no device secrets or recovery codes (django-otp shows them by default).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = "Council Desk"

# Sign-in with a city's LDAP directory or Active Directory (accounts.ldap; the README's "Sign-in with the
# city's accounts"): LDAP_DIRECTORIES names them, e.g. "seoul,beijing", each set by its LDAP_<NAME>_…
# variables (config.ldap_env). None by default. A signed-in person's entry is read again at most every
# LDAP_RECHECK_SECONDS: disabled there, they are signed out at their next request after that.
LDAP_DIRECTORIES = ldap_env.directories(env)
LDAP_RECHECK_SECONDS = env.int("LDAP_RECHECK_SECONDS", default=300)
AUTHENTICATION_BACKENDS.append("accounts.ldap_signin.DirectoryBackend")  # after the local accounts'

# Sign-in with a city's OpenID Connect provider (accounts.oidc; the README's "Sign-in with the city's
# accounts"). OIDC_PROVIDERS names them, e.g. "seoul,beijing" (none by default: local sign-in only);
# each name's OIDC_<NAME>_* variables describe one (config/oidc.py, which fails on a missing one). The
# provider's own two-factor stands in for ours. A signed-in person is asked about again (prompt=none)
# on their first page after every OIDC_RECHECK_SECONDS: if the provider no longer signs them in, they
# are signed out there (accounts.oidc.middleware).
OIDC_PROVIDERS = oidc_providers_from_env(env)
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_RECHECK_SECONDS", default=300)
OIDC_TIMEOUT = 10  # seconds to wait for a provider's token, keys and user info
AUTHENTICATION_BACKENDS.append("accounts.oidc.backend.CityProviderBackend")
MIDDLEWARE.insert(
    MIDDLEWARE.index("accounts.middleware.TwoFactorMiddleware"), "accounts.oidc.middleware.RecheckMiddleware"
)

# Languages and time: every time is stored in UTC and shown in a city's or the viewer's zone.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ko", "한국어"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # our few changes to Django's formats per language
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded files: under MEDIA_ROOT, or with MEDIA_STORAGE_URL in an S3-compatible bucket shared by every
# machine (config/media_storage.py). Either way they are read only through the views that check the
# reader (no public address) and backed up through the storage (common.backups).
MEDIA_STORAGE_URL = env.str("MEDIA_STORAGE_URL", default="")
STORAGES = {
    "default": media_storage(MEDIA_STORAGE_URL)
    if MEDIA_STORAGE_URL
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Rows on one page of every list (common.pagination.page_of). 25: a page that fits a laptop screen in
# one or two scrolls, and the size the lists used most (exchanges, correspondence, action items) had.
PAGE_SIZE = 25

# A LibreTranslate-compatible service whose suggestions the translation desk offers (empty: none).
MACHINE_TRANSLATION_URL = env.str("MACHINE_TRANSLATION_URL", default="")
if MACHINE_TRANSLATION_URL and not MACHINE_TRANSLATION_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("MACHINE_TRANSLATION_URL must be an http:// or https:// address.")
# Seconds the editor waits for a suggestion before it tells the translator there is none.
MACHINE_TRANSLATION_TIMEOUT = 5

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Council Desk <council-desk@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The dashboard totals investment in this currency, at the rates of the plans kept in it.
REPORTING_CURRENCY = env.str("REPORTING_CURRENCY", default="USD")
# Links in reminder e-mails point here (no request to take the host from in a worker).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Redis is the broker and the cache in production; without REDIS_URL the app runs embedded:
# Celery on kombu's filesystem transport (one worker with beat), the cache in process memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # An unacknowledged task (its worker died) goes back to the queue after this many seconds. Longer
    # than any countdown we use (retries wait at most 5 minutes); no task has a long ETA.
    # unacked_restore_throttle 1: workers look for such tasks every 10 s, not every 100 s.
    # queue_order_strategy "priority": a worker takes from its queues in the order of its -Q, always
    # the first while it has tasks (kombu's default alternates): the beat's queue before the default.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
        "unacked_restore_throttle": 1,
        "queue_order_strategy": "priority",
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    _queue_dir = VAR_DIR / "celery"
    for _folder in ("queue", "processed"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "store_processed": False,
        # Which queue each exchange feeds; by default a folder "control" in the working directory.
        "control_folder": str(_queue_dir / "control"),
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A reminder queued this long ago and still not sent lost its task (Redis lost its queue): the sweep
# queues it again. It must stay longer than a task's whole retry schedule, else a row waiting for its
# retry would get a second task: checked when any process starts (reminders.apps).
REMINDER_LOST_AFTER_MINUTES = env.int("REMINDER_LOST_AFTER_MINUTES", default=30)
# Exactly one beat process runs these (README): the sweep sends what is due, the plan re-plans all
# reminders as a safety net behind the re-planning that follows each change.
REMINDER_SWEEP_SECONDS = env.float("REMINDER_SWEEP_SECONDS", default=60)
CELERY_BEAT_SCHEDULE = {
    "send-due-reminders": {"task": "reminders.sweep", "schedule": REMINDER_SWEEP_SECONDS},
    "plan-reminders": {"task": "reminders.plan", "schedule": 15 * 60},
    "prune-sign-in-log": {"task": "accounts.prune_sign_in_log", "schedule": 24 * 3600},
}
# The beat's tasks go to a queue of their own, which every worker consumes before the default one
# (`-Q periodic,celery`: deploy/systemd, bin/run-embedded): a sweep does not wait behind a backlog of
# deliveries. (The embedded default's filesystem transport alternates between the two queues.)
CELERY_TASK_ROUTES = {entry["task"]: {"queue": "periodic"} for entry in CELERY_BEAT_SCHEDULE.values()}
CELERY_BEAT_SCHEDULE_FILENAME = env.str("CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule"))
# /healthz watches the reminders (reminders.health): 503 when no sweep has run for REMINDER_SWEEP_ALERT
# (the beat, or every worker, is down), or when a due reminder has waited longer than REMINDER_LAG_ALERT.
# Three sweeps, at least 3 minutes: two sweeps late (a worker busy with a send up to EMAIL_TIMEOUT, a
# large batch) are normal. 15 minutes: longer than a send's whole retry schedule (about 8 minutes), so a
# reminder retried as designed never trips it, and short enough to act before a 09:00 batch is late.
REMINDER_SWEEP_ALERT = durations.from_env(
    env, "REMINDER_SWEEP_ALERT", default=timedelta(seconds=max(3 * REMINDER_SWEEP_SECONDS, 180))
)
REMINDER_LAG_ALERT = durations.from_env(env, "REMINDER_LAG_ALERT", default=timedelta(minutes=15))
# A PDF (the achievements report, the dashboard) is kept in the cache this long after it was made; a
# change of what it shows makes another one, so this only bounds how long unused ones take memory.
PDF_KEPT_FOR = durations.from_env(env, "PDF_KEPT_FOR", default=timedelta(days=30))
# Pages kept whole for their reader until a record they show changes (common.kept_pages; off: every page
# rendered by its view), each for at most PAGE_KEPT_FOR after it was last made: how long an unused one
# takes memory.
KEPT_PAGES = env.bool("KEPT_PAGES", default=True)
PAGE_KEPT_FOR = durations.from_env(env, "PAGE_KEPT_FOR", default=timedelta(hours=1))

# Prometheus metrics at /metrics (common.metrics): off (404) unless METRICS_TOKEN is set, and then only
# with "Authorization: Bearer <METRICS_TOKEN>". Gunicorn's workers each count their own requests: with
# PROMETHEUS_MULTIPROC_DIR (prometheus-client's own variable, read here to know where to collect from)
# each writes its counts there and a scrape adds them up (deploy/gunicorn.conf.py).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be 32 or more random characters (or unset: no metrics).")
PROMETHEUS_MULTIPROC_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default="")
MIDDLEWARE.insert(0, "common.metrics.RequestMetricsMiddleware")  # outermost: the whole request's time

# Behind the reverse proxy in production; these keep `manage.py check --deploy` clean.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Secure- prefix: browsers refuse these cookies unless set Secure over HTTPS. Plain names in
    # DEBUG, where `make run` serves plain HTTP.
    SESSION_COOKIE_NAME = "__Secure-sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): nothing inline and nothing from elsewhere. Templates hold no
# <style>, style="" or script body; scripts and styles are static files, the dashboard's numbers a
# json_script block (data, not script). Django's admin works under the same policy, no exception for
# /admin/ (tests/browser/test_csp_and_accessibility.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The calendar feed's address carries its secret token: the development server's request log masks
    # it (config.log_masking; gunicorn's logs do the same in production). Django's own formatter and
    # handler for that log, declared again because a logger configured here loses its handlers.
    "filters": {
        "calendar_tokens_masked": {"()": "config.log_masking.MaskTokens"},
        "refusals_in_one_line": {"()": "config.log_filters.RefusalsInOneLine"},
    },
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "level": "INFO"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates each PDF at INFO; its warnings are what an operator needs.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Failed sign-ins, lockouts and refused requests (accounts/security.py), whatever LOG_LEVEL says.
        "council_desk.security": {"level": "INFO"},
        # django-axes announces itself in every process (and each manage.py command), and its warnings
        # mask the username and address: council_desk.security says the same with both. Errors stay.
        "axes": {"level": "ERROR"},
        "django.request": {"filters": ["refusals_in_one_line"]},
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["calendar_tokens_masked"],
        },
    },
}

# Errors and logs (the README's "Errors, e-mails to the administrators, logs"). Each block below works
# without the others: e-mails to ADMINS, Sentry (with SENTRY_DSN), and the logs' format.
# ADMINS: "Name <a@example.org>, b@example.org". Every unhandled error of a request (django.request,
# through Django's `django` logger) and every task that fails (celery.app.trace, at ERROR) is mailed to
# them, when DEBUG is off; with SENTRY_DSN set as well, both go (leave ADMINS empty for Sentry alone).
# The reports hide every form value, cookie and calendar token (config.error_reports).
ADMINS = admins_from(env.str("ADMINS", default=""))
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)  # Django's root@localhost is refused
EMAIL_SUBJECT_PREFIX = "[Council Desk] "
DEFAULT_EXCEPTION_REPORTER = "config.error_reports.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.PrivateExceptionReporterFilter"
# LOG_FORMAT=json: one JSON object per line (config.log_json), with the request id of each line's
# request (common.request_context; nginx sends its $request_id as X-Request-ID). LOG_REQUESTS: one line
# per request of the app itself, on by default with JSON only (in text, gunicorn's access log has it).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOG_REQUESTS = env.bool("LOG_REQUESTS", default=LOG_FORMAT == "json")
MIDDLEWARE.insert(0, "common.request_context.RequestIdMiddleware")  # first: every response has the id
LOGGING["filters"]["request_context"] = {"()": "common.request_context.RequestContextFilter"}
LOGGING["filters"]["require_debug_false"] = {"()": "django.utils.log.RequireDebugFalse"}
LOGGING["filters"]["no_client_errors"] = {"()": "config.log_filters.NoClientErrors"}
LOGGING["formatters"]["json"] = {"()": "config.log_json.JsonFormatter"}
LOGGING["handlers"]["mail_admins"] = {
    "class": "django.utils.log.AdminEmailHandler",
    "level": "ERROR",
    "filters": ["require_debug_false", "no_client_errors"],
}
# `django` replaces Django's own handlers of that logger (the same mail, and a second console in DEBUG).
LOGGING["loggers"]["django"] = {"handlers": ["mail_admins"]}
LOGGING["loggers"]["celery.app.trace"] = {"handlers": ["mail_admins"]}
LOGGING["loggers"]["council_desk.request"] = {"level": "INFO"}
LOGGING = log_json.in_format(LOGGING, LOG_FORMAT)
sentry.init_from_env(env)
