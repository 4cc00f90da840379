"""`make bench-load`: signed-in people of every role against gunicorn, beside a trivial view.

Starts the production shape on this database (bench/production.py: gunicorn with deploy/gunicorn.conf.py
and production settings, DEBUG off, collected static files), then runs locust twice with the same people
for the same time: first the page mix of bench/locustfile.py, then every request to the trivial view.
Each run measures the people once all of them have signed in, for --seconds; the sign-ins (slow on
purpose: the password hashing) are timed apart and printed beside. With --instances N, N gunicorn
instances (each with deploy/gunicorn.conf.py's workers) share the people, as N machines behind a
balancer would; on one machine they share its CPUs too. Prints requests per second, median and p95 per
page and the failures of each run; any failure fails the bench. Needs PostgreSQL with the demo council
and the bulk exchanges, Redis, and the bench requirements (locust): `make bench-load` makes and installs
them.
"""

import csv
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.production import BIN, gunicorn_servers
from bench.profile import profiled
from teams.models import Exchange

LOCUSTFILE = settings.BASE_DIR / "bench" / "locustfile.py"
# The performance work's targets: the page mix at 0.4 of the trivial view's requests per second or more,
# and no page whose p95 is more than 4 times its median.
LOAD_RATIO, P95_SPREAD = 0.4, 4
SIGN_IN_ALLOWANCE = 180  # seconds for everyone to sign in before the measured time (locust's cap)


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    per_second: float
    median: float
    p95: float

    @classmethod
    def from_csv(cls, line: dict) -> "Row":
        return cls(
            name=line["Name"],
            requests=int(line["Request Count"]),
            failures=int(line["Failure Count"]),
            per_second=float(line["Requests/s"]),
            median=_number(line["50%"]),
            p95=_number(line["95%"]),
        )


def _number(cell: str) -> float:
    """A percentile of locust's CSV: "N/A" for a page with no request since the statistics started."""
    return 0.0 if cell == "N/A" else float(cell)


@dataclass
class Run:
    rows: list[Row]  # per page, busiest first
    total: Row
    failure_lines: list[str]
    sign_ins: list[float]  # ms, before the measured time


def read_run(prefix: Path) -> Run:
    """locust's CSV summary (<prefix>_stats.csv, <prefix>_failures.csv) as rows."""
    with open(f"{prefix}_stats.csv", encoding="utf-8") as file:
        rows = [Row.from_csv(line) for line in csv.DictReader(file)]
    total = next(row for row in rows if row.name == "Aggregated")
    # The sign-in's pages, requested before the statistics started afresh, are listed with none.
    pages = sorted((row for row in rows if row is not total and row.requests), key=lambda row: -row.requests)
    with open(f"{prefix}_failures.csv", encoding="utf-8") as file:
        failures = [
            f"{line['Occurrences']}× {line['Method']} {line['Name']}: {line['Error']}" for line in csv.DictReader(file)
        ]
    sign_ins_file = Path(f"{prefix}_sign_ins.json")
    if not sign_ins_file.exists():
        raise CommandError("Not every person signed in: the run measured nothing. Is the demo loaded?")
    return Run(rows=pages, total=total, failure_lines=failures, sign_ins=json.loads(sign_ins_file.read_text()))


def verdict(met: bool) -> str:
    return "met" if met else "not met"


class Command(BaseCommand):
    help = "Load run: signed-in people of every role against gunicorn on PostgreSQL, beside a trivial view."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=50, help="Concurrent signed-in people (default 50).")
        parser.add_argument("--seconds", type=int, default=60, help="Length of each run (default 60).")
        parser.add_argument("--spawn-rate", type=float, default=10, help="People starting per second (default 10).")
        parser.add_argument("--instances", type=int, default=1, help="gunicorn instances sharing them (default 1).")

    def handle(self, *args, users: int, seconds: int, spawn_rate: float, instances: int, **options) -> None:
        if connection.vendor != "postgresql" or not settings.REDIS_URL:
            raise CommandError(
                "The load run needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL (`make bench-load`)."
            )
        if not (BIN / "locust").exists():
            raise CommandError("locust is not installed here: `make bench-load` installs requirements-bench.txt.")
        if users < 1 or seconds < 1 or spawn_rate <= 0 or not 1 <= instances <= 8:
            raise CommandError("--users and --seconds must be 1 or more, --spawn-rate above 0, --instances 1 to 8.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind through the finally that stops gunicorn
        exchanges = Exchange.objects.count()
        with tempfile.TemporaryDirectory(prefix="council-desk-load-") as work:
            work = Path(work)
            with gunicorn_servers(work=work, count=instances, write=self.stdout.write) as bases:
                options = {"users": users, "seconds": seconds, "spawn_rate": spawn_rate, "bases": bases, "work": work}
                with profiled(bases, work) as profile:
                    pages = self.run_locust("pages", trivial=False, **options)
                trivial = self.run_locust("trivial", trivial=True, **options)
        self.report(pages, trivial, users=users, seconds=seconds, exchanges=exchanges, instances=instances)
        self.stdout.write(
            "\nWhere gunicorn's workers spent the page mix (py-spy's samples; bench/profile.py says how):"
        )
        self.stdout.write("\n".join(profile.lines()))
        failures = pages.total.failures + trivial.total.failures
        if failures:
            raise CommandError(f"{failures} requests failed; the load run requires none.")

    def run_locust(
        self, label: str, *, trivial: bool, users: int, seconds: int, spawn_rate: float, bases: list[str], work: Path
    ) -> Run:
        what = "the trivial view" if trivial else "the page mix"
        self.stdout.write(f"{users} people, {seconds} s: {what} …")
        env = {**os.environ, "LOAD_TRIVIAL": "1" if trivial else "0", "LOAD_PASSWORD": settings.DEMO_PASSWORD}
        env["LOAD_HOSTS"] = " ".join(bases)
        env |= {"LOAD_MEASURE_SECONDS": str(seconds), "LOAD_SIGN_INS": f"{work / label}_sign_ins.json"}
        command = [
            str(BIN / "locust"), "--locustfile", str(LOCUSTFILE), "--host", bases[0], "--headless",
            "--users", str(users), "--spawn-rate", str(spawn_rate), "--run-time", f"{seconds + SIGN_IN_ALLOWANCE}s",
            "--stop-timeout", "30", "--csv", str(work / label), "--only-summary", "--loglevel", "WARNING",
        ]  # fmt: skip
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if not Path(f"{work / label}_stats.csv").exists():
            raise CommandError(f"locust failed ({result.returncode}):\n{result.stderr[-3000:]}")
        return read_run(work / label)

    # --- the report ----------------------------------------------------------------------------

    def report(self, pages: Run, trivial: Run, *, users: int, seconds: int, exchanges: int, instances: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0].split()[0]
        self.stdout.write(
            f"\n{users} signed-in people for {seconds} s each run, no pause between requests; {exchanges:,} "
            f"exchanges; {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, PostgreSQL {postgres}; {instances} gunicorn instance"
            f"{'s' * (instances > 1)}, PostgreSQL, Redis and locust on the same machine.\n"
        )
        labelled = [(row, row.name) for row in pages.rows] + [(pages.total, "all requests, page mix")]
        labelled += [(row, f"trivial run: {row.name}") for row in trivial.rows]
        labelled.append((trivial.total, "all requests, trivial run"))
        width = max(len(name) for _, name in labelled)
        self.stdout.write(
            f"  {'page':<{width}}  {'requests':>8}  {'req/s':>7}  {'median ms':>9}  {'p95 ms':>7}  {'failed':>6}"
        )
        for row, name in labelled:
            self.stdout.write(
                f"  {name:<{width}}  {row.requests:>8,}  {row.per_second:>7.1f}  {row.median:>9.0f}  "
                f"{row.p95:>7.0f}  {row.failures:>6}"
            )
        for run, name in ((pages, "page mix"), (trivial, "trivial run")):
            times = sorted(run.sign_ins)
            median, p95 = statistics.median(times), times[max(0, round(len(times) * 0.95) - 1)]
            self.stdout.write(
                f"  sign-ins before the {name} (not in it): {len(times)}, median {median:.0f} ms, p95 {p95:.0f} ms"
            )
        for run in (pages, trivial):
            for line in run.failure_lines:
                self.stderr.write(f"  failed: {line}")
        ratio = pages.total.per_second / trivial.total.per_second if trivial.total.per_second else 0
        self.stdout.write(
            f"\nPage mix / trivial view: {ratio:.2f} of the requests per second "
            f"({pages.total.per_second:.1f} against {trivial.total.per_second:.1f}); failures: "
            f"{pages.total.failures} and {trivial.total.failures}."
        )
        # The performance work's targets, each within this run (the machine varies by a fifth).
        spread = max((row.p95 / row.median for row in pages.rows if row.median), default=0)
        widest = max(pages.rows, key=lambda row: row.p95 / row.median if row.median else 0, default=None)
        self.stdout.write(
            f"  page mix / trivial view  {ratio:5.2f}   (target: at least {LOAD_RATIO}: {verdict(ratio >= LOAD_RATIO)})"
        )
        self.stdout.write(
            f"  widest p95 / median      {spread:5.2f}x  (target: at most {P95_SPREAD}x for every page: "
            f"{verdict(spread <= P95_SPREAD)}; {widest.name if widest else '-'})"
        )
