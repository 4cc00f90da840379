"""The production shape the bench commands run against: gunicorn with deploy/gunicorn.conf.py and production
settings (DEBUG off, collected static files served by WhiteNoise; plain HTTP on loopback as nginx passes
requests on; two-factor off because the demo accounts have no devices) on this process's database.

Used by bench_load (many people through locust) and bench_lighthouse (one browser through Lighthouse).
"""

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

BIN = Path(sys.executable).parent
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(*, work: Path, base: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=base,
        SITE_URL=base,
        SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback, as nginx passes it on
        TWO_FACTOR_REQUIRED="0",
        EMAIL_URL=os.environ.get("EMAIL_URL", "consolemail://"),
        STATIC_ROOT=str(work / "static"),
        GUNICORN_LOG_LEVEL="warning",
        # No beat runs here: /healthz (the trivial view, and the start's signal) must not wait for sweeps.
        REMINDER_SWEEP_ALERT="PT8760H",
        REMINDER_LAG_ALERT="PT8760H",
    )
    return env


def collect_static(*, work: Path, base: str) -> None:
    """Into work/static, with production's storage: hashed names and their .gz and .br beside them."""
    subprocess.run(  # noqa: S603 — our own manage.py
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=production_env(work=work, base=base),
        check=True,
    )


@contextmanager
def gunicorn_servers(*, work: Path, count: int, write: Callable[[str], None]) -> Iterator[list[str]]:
    """count gunicorn instances on ports of their own, started together, once static files are collected;
    their base addresses."""
    bases = [f"http://127.0.0.1:{free_port()}" for _ in range(count)]
    write("Collecting static files (production settings) …")
    collect_static(work=work, base=bases[0])
    with ExitStack() as stack:
        started = [stack.enter_context(gunicorn_server(work=work, base=base, number=n)) for n, base in enumerate(bases)]
        for base, (gunicorn, log) in zip(bases, started, strict=True):
            wait_for_health(base=base, gunicorn=gunicorn, log=log)
        each = "each with " if count > 1 else ""
        write(f"gunicorn on {', '.join(bases)} ({each}deploy/gunicorn.conf.py; {os.cpu_count()} CPUs)")
        yield bases


@contextmanager
def gunicorn_server(*, work: Path, base: str, number: int) -> Iterator[tuple[subprocess.Popen, Path]]:
    """One gunicorn instance on base's port: (its process, its log file)."""
    log_path = work / f"gunicorn-{number}.log"
    log = open(log_path, "wb")  # noqa: SIM115 — closed in the finally below
    gunicorn = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "--bind", base.removeprefix("http://")],
        cwd=settings.BASE_DIR,
        env=production_env(work=work, base=base),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield gunicorn, log_path
    finally:
        with suppress(ProcessLookupError):
            os.killpg(gunicorn.pid, signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(gunicorn.pid, signal.SIGKILL)
            gunicorn.wait()
        log.close()


def wait_for_health(*, base: str, gunicorn: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if gunicorn.poll() is not None:
            raise CommandError(f"gunicorn exited:\n{log.read_text(errors='replace')[-3000:]}")
        with suppress(OSError), urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310
            if answer.status == 200:  # (loopback)
                return
        time.sleep(0.2)
    raise CommandError(f"gunicorn did not answer /healthz within a minute:\n{log.read_text(errors='replace')[-3000:]}")


def signed_in_cookie(*, base: str, username: str, password: str) -> str:
    """Sign username in through the sign-in form, as a browser does (the form's CSRF token, then the POST);
    the Cookie header that carries the session."""
    # Production cookies are Secure (__Secure-…); over loopback HTTP a browser still sends them
    # (127.0.0.1 counts as a secure origin), Python's cookie jar only does when told.
    jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "http")))
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    sign_in = f"{base}/accounts/login/"
    with opener.open(sign_in, timeout=30) as form:
        token = CSRF_FIELD.search(form.read().decode())
    fields = {"csrfmiddlewaretoken": token.group(1) if token else "", "username": username, "password": password}
    request = urllib.request.Request(  # noqa: S310 — loopback
        sign_in,
        data=urllib.parse.urlencode({**fields, "next": "/"}).encode(),
        headers={"Referer": sign_in, "Origin": base},
    )
    with opener.open(request, timeout=60) as answer:
        if answer.url.startswith(sign_in):
            raise CommandError(f"{username} could not sign in at {sign_in} (still on the sign-in page).")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)
