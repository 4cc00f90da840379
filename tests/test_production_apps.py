"""Production installs neither the demo nor the bench: no demo or benchmark command, no bench task.

Each check runs Django in a subprocess with the environment .ci/smoke gives its production services
(config.settings, DEBUG unset), as a worker starts: django.setup(), then Celery's autodiscovery of the
installed apps' tasks. The same probe under the development settings finds both apps and the bench's
task, so an empty answer is the settings', not the probe's.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMOKE_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": "q3Vx8-Lm2Nb7Kc4Jd9Hf6Gs1Ta5Ry0We-PoIuYtReWqAsDfGhJkLzXcVbNm0123",
    "ALLOWED_HOSTS": "127.0.0.1",
    "CSRF_TRUSTED_ORIGINS": "http://127.0.0.1:8123",
    "SITE_URL": "http://127.0.0.1:8123",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/council_desk_smoke",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "EMAIL_URL": "smtp://127.0.0.1:2525",
    "REMINDER_SWEEP_SECONDS": "5",
    "TWO_FACTOR_REQUIRED": "0",
    "SECURE_SSL_REDIRECT": "0",
}
PROBE = """
import json
import django
django.setup()
from django.apps import apps
from django.core.management import get_commands
from config.celery import app
app.loader.import_default_modules()  # as a worker starts: autodiscovers each installed app's tasks.py
print(json.dumps({
    "apps": [config.name for config in apps.get_app_configs()],
    "commands": sorted(get_commands()),
    "tasks": sorted(name for name in app.tasks if not name.startswith("celery.")),
}))
"""
DEMO_AND_BENCH_COMMANDS = {
    "load_demo",
    "demo_accounts",
    "seed_bulk",
    "bench_reminders",
    "bench_dashboard",
    "bench_lighthouse",
    "bench_report",
    "bench_load",
}
PRODUCT_TASKS = {
    "accounts.prune_sign_in_log", "reminders.deliver", "reminders.deliver_batch", "reminders.plan", "reminders.sweep",
}  # fmt: skip


def probe(env: dict[str, str]) -> dict:
    inherited = {key: value for key, value in os.environ.items() if key not in {"DEBUG", *SMOKE_ENV}}
    result = subprocess.run(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", PROBE], cwd=ROOT, env={**inherited, **env}, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production() -> dict:
    return probe(SMOKE_ENV)


def test_production_settings_install_neither_demo_nor_bench(production):
    assert {"demo", "bench"} & set(production["apps"]) == set()
    assert DEMO_AND_BENCH_COMMANDS & set(production["commands"]) == set()
    assert {"council", "accounts", "reminders", "dashboards"} <= set(production["apps"])


def test_a_production_worker_registers_no_bench_task(production):
    assert [name for name in production["tasks"] if name.startswith("bench.") or "noop" in name] == []
    assert set(production["tasks"]) >= PRODUCT_TASKS


def test_debug_on_does_not_bring_them_into_production_settings(production):
    """The module decides, not DEBUG: production's settings with DEBUG=1 still have neither."""
    found = probe({**SMOKE_ENV, "DEBUG": "1"})
    assert (found["apps"], found["tasks"]) == (production["apps"], production["tasks"])


def test_development_settings_add_both_and_the_bench_task(production):
    found = probe({**SMOKE_ENV, "DJANGO_SETTINGS_MODULE": "config.settings_dev"})
    assert found["apps"] == [*production["apps"], "demo", "bench"]
    assert set(found["commands"]) - set(production["commands"]) == DEMO_AND_BENCH_COMMANDS
    assert set(found["tasks"]) - set(production["tasks"]) == {"bench.noop"}
