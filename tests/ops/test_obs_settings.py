"""Production's settings with error reporting and JSON logs on: they start, and the deploy check stays
clean; a wrong value stops every process with a message that says which."""

from tests.test_deploy_settings import PRODUCTION_ENV, manage

OBSERVED = {
    **PRODUCTION_ENV,
    "SENTRY_DSN": "https://public-key@glitchtip.example.org/3",
    "SENTRY_ENVIRONMENT": "production",
    "SENTRY_RELEASE": "council-desk@2026.12",
    "SENTRY_TRACES_SAMPLE_RATE": "0.05",
    "ADMINS": "Operations <ops@example.org>, it@example.org",
    "LOG_FORMAT": "json",
}


def test_production_with_sentry_admins_and_json_logs_passes_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=OBSERVED)

    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")
    assert result.stderr == ""


def test_an_unknown_log_format_is_refused():
    result = manage("check", env={**OBSERVED, "LOG_FORMAT": "xml"})

    assert result.returncode == 1
    assert "LOG_FORMAT must be text or json." in result.stderr


def test_an_admin_without_an_address_is_refused():
    result = manage("check", env={**OBSERVED, "ADMINS": "Operations"})

    assert result.returncode == 1
    assert "ADMINS: 'Operations' is not an e-mail address." in result.stderr
