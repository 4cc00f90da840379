"""Test settings: the development settings (config.settings_dev), with what makes tests fast and hermetic."""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")

# The development settings: the demo (every test starts from its council) and the bench (its tests).
from config.settings_dev import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
CONN_MAX_AGE = 0
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Uploads made by tests go to a throw-away folder, never into var/media.
MEDIA_ROOT = tempfile.mkdtemp(prefix="council-desk-test-media-")

# The demo accounts and the tests sign in with a password alone; tests/accounts turn two-factor on.
OTP_REQUIRED_FOR_STAFF = False
