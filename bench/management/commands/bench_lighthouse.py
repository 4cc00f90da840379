"""`make bench-lighthouse`: Lighthouse's mobile performance score of the dashboard and the exchange list.

Starts the production shape on this database (bench/production.py: gunicorn with deploy/gunicorn.conf.py
and production settings, DEBUG off, static files collected with WhiteNoise's compressed manifest
storage), signs a mayor's office and a team lead in through the sign-in form, and runs Lighthouse
(bench/lighthouse, pinned by its package-lock.json) with Debian's Chromium on each one's page, their
session cookie in its extra headers. Mobile is Lighthouse's default (a mid-range phone on a slow 4G
link, simulated). Each page is measured --runs times and the run with the median score is reported:
its score and its Largest Contentful Paint beside the targets, its other metrics, and the audits that
still cost it. Needs PostgreSQL with the demo council and the bulk exchanges, Redis, node and Chromium:
`make bench-lighthouse` makes and installs what it can.
"""

import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.production import gunicorn_servers, signed_in_cookie
from teams.models import Exchange

LIGHTHOUSE = settings.BASE_DIR / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The performance work's targets: a score of 95 or more on each page, the dashboard's LCP 2.5 s.
SCORE_TARGET = 95
# Now and then Lighthouse fails to record the browser's trace (NO_NAVSTART) and says to run it again:
# the run is tried again, up to this many times in all.
RUN_AGAIN = "Please run Lighthouse again"
ATTEMPTS = 3
LCP_TARGET_MS = 2500


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    username: str
    lcp_target_ms: int | None


PAGES = (
    Page(name="dashboard", path="/dashboard/", username="mayor-office-seoul", lcp_target_ms=LCP_TARGET_MS),
    Page(name="exchange list", path="/exchanges/", username="lead-economy-seoul", lcp_target_ms=None),
)
METRICS = (  # (audit, label) of the metrics that make up the score, shown for each page
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)


@dataclass
class Result:
    score: int
    lcp_ms: float
    metrics: str  # "FCP 1.2 s, LCP …"
    costs: list[str]  # the audits that cost the page, worst first


def result_of(report: dict) -> Result:
    audits = report["audits"]
    costs = [
        f"{audit['title']}" + (f": {audit['displayValue']}" if audit.get("displayValue") else "")
        for audit in sorted(audits.values(), key=lambda audit: audit.get("score") or 0)
        if audit.get("scoreDisplayMode") in ("numeric", "binary", "metricSavings")
        and audit.get("score") is not None
        and audit["score"] < 0.9
        and audit["id"] not in dict(METRICS)
    ]
    return Result(
        score=round(report["categories"]["performance"]["score"] * 100),
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        metrics=", ".join(f"{label} {audits[audit]['displayValue']}" for audit, label in METRICS),
        costs=costs,
    )


def verdict(met: bool) -> str:
    return "met" if met else "not met"


class Command(BaseCommand):
    help = "Lighthouse mobile performance of the dashboard and the exchange list against gunicorn (production shape)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median (default 3).")
        parser.add_argument("--reports", type=Path, help="Keep each run's Lighthouse JSON report in this folder.")

    def handle(self, *args, runs: int, reports: Path | None, **options) -> None:
        if connection.vendor != "postgresql" or not settings.REDIS_URL:
            raise CommandError("This bench needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (`make bench`).")
        if not LIGHTHOUSE.exists() or not shutil.which("node"):
            raise CommandError("Lighthouse is not installed: `make bench-lighthouse` installs it (needs node and npm).")
        if not Path(CHROMIUM).exists():
            raise CommandError(f"No Chromium at {CHROMIUM} (CHROME_PATH): apt-get install chromium.")
        if runs < 1:
            raise CommandError("--runs must be 1 or more.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind through the finally that stops gunicorn
        with tempfile.TemporaryDirectory(prefix="council-desk-lighthouse-") as work:
            work = Path(work)
            folder = reports or work
            folder.mkdir(parents=True, exist_ok=True)
            with gunicorn_servers(work=work, count=1, write=self.stdout.write) as (base,):
                results = {page: self.measure(page, base=base, runs=runs, folder=folder) for page in PAGES}
        self.report(results, runs=runs)

    def measure(self, page: Page, *, base: str, runs: int, folder: Path) -> Result:
        cookie = signed_in_cookie(base=base, username=page.username, password=settings.DEMO_PASSWORD)
        headers = folder / f"{page.username}-headers.json"
        headers.write_text(json.dumps({"Cookie": cookie}))
        results = []
        for run in range(1, runs + 1):
            self.stdout.write(f"Lighthouse: {page.name} ({page.path}, as {page.username}), run {run} of {runs} …")
            output = folder / f"{page.name.replace(' ', '-')}-{run}.json"
            report = self.lighthouse(f"{base}{page.path}", headers=headers, output=output)
            if report.get("runtimeError") or not report["finalDisplayedUrl"].startswith(f"{base}{page.path}"):
                problem = report.get("runtimeError") or f"it ended at {report['finalDisplayedUrl']}"
                raise CommandError(f"Lighthouse could not measure {page.path}: {problem}")
            results.append(result_of(report))
        headers.unlink()  # a live session: not left among the kept reports
        return sorted(results, key=lambda result: result.score)[len(results) // 2]

    def lighthouse(self, url: str, *, headers: Path, output: Path) -> dict:
        command = [
            str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", f"--output-path={output}",
            "--chrome-flags=--headless=new --no-sandbox", f"--extra-headers={headers}", "--quiet",
        ]  # fmt: skip
        for attempt in range(1, ATTEMPTS + 1):
            result = subprocess.run(  # noqa: S603 — the pinned Lighthouse
                command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False
            )
            if not result.returncode and output.exists():
                return json.loads(output.read_text())
            if RUN_AGAIN not in result.stderr or attempt == ATTEMPTS:
                raise CommandError(f"Lighthouse failed ({result.returncode}) on {url}:\n{result.stderr[-3000:]}")
            self.stdout.write("  Lighthouse could not record the page's trace; the same run again …")

    def report(self, results: dict[Page, Result], *, runs: int) -> None:
        version = json.loads((LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text())["version"]
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
        self.stdout.write(
            f"\nLighthouse {version}, mobile (simulated throttling), {chromium.stdout.strip()}; the median of "
            f"{runs} run{'s' * (runs > 1)} a page; {Exchange.objects.count():,} exchanges; {os.cpu_count()} CPUs, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}.\n"
        )
        width = max(len(page.name) for page in results)
        for page, result in results.items():
            self.stdout.write(
                f"  {page.name:<{width}}  score {result.score:>3}   (target: at least {SCORE_TARGET}: "
                f"{verdict(result.score >= SCORE_TARGET)})"
            )
            lcp = f"  {'':<{width}}  LCP {result.lcp_ms / 1000:5.2f} s"
            if page.lcp_target_ms:
                met = result.lcp_ms <= page.lcp_target_ms
                lcp += f" (target: at most {page.lcp_target_ms / 1000:.1f} s: {verdict(met)})"
            self.stdout.write(lcp)
            self.stdout.write(f"  {'':<{width}}  {result.metrics}")
            for cost in result.costs[:6]:
                self.stdout.write(f"  {'':<{width}}  - {cost}")
