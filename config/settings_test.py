"""Test settings: the development settings (config.settings_dev), with what makes tests fast and hermetic."""

import os
import tempfile
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DEBUG", "1")

# The development settings: the demo (every test starts from its council) and the bench (its tests).
from config.settings_dev import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# CI migrates one database once, and each test process's database is copied from it rather than migrated
# again (some 20 s a process): TEST_DATABASE_TEMPLATE names it (.ci/run). The copy's migrations are then
# all applied, and Django's migrate finds nothing to do.
if template := os.environ.get("TEST_DATABASE_TEMPLATE"):
    DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "TEMPLATE": template}  # noqa: F405

# Uploads made by tests go to a throw-away folder, never into var/media.
MEDIA_ROOT = tempfile.mkdtemp(prefix="council-desk-test-media-")

# The demo accounts and the tests sign in with a password alone; tests/accounts turn two-factor on.
OTP_REQUIRED_FOR_STAFF = False

# Under pytest-xdist each process has a Redis database of its own: the one REDIS_URL names plus the
# process's number (gw0, gw1 …). The real workers some tests start are given this REDIS_URL, so they
# take the tasks of their own process's tests, never those of a test running beside them.
_process = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
if REDIS_URL and _process:  # noqa: F405
    _url = urlsplit(REDIS_URL)  # noqa: F405
    REDIS_URL = urlunsplit(_url._replace(path=f"/{int(_url.path.strip('/') or 0) + _process}"))
    CELERY_BROKER_URL = REDIS_URL
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
