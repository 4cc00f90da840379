"""`make bench-report`: the achievements report's PDF, made and then kept, on the demo council's data.

Server time of each request through the test Client in this process (middleware, view, queries,
template, WeasyPrint; no network), the median and 90th percentile of --runs requests after --warmups,
with DEBUG off. "Made": each request in an empty cache (a key prefix of its own), so WeasyPrint makes
the PDF. "Kept": the same request again, the PDF read from the cache. The report's HTML page is the
floor: the same rights, report and template, without the PDF. Needs the demo council
(`make bench-report` loads it into a database of its own).
"""

import datetime as dt
import os
import platform
import uuid
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings
from django.urls import reverse

from assemblies.models import Assembly
from bench.bulk import DEMO_COUNCIL
from bench.management.commands.bench_dashboard import Measure, Timing, clients
from teams.models import Exchange

READER = "mayor-office-beijing"
# The performance work's target: at most 0.5 s, or made once and kept until the assembly's data changes.
TARGET_SECONDS = 0.5


class Command(BaseCommand):
    help = "Time the achievements report's PDF on the demo data: made (empty cache) and kept (cached)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7, help="Timed requests of each kind (default 7).")
        parser.add_argument("--warmups", type=int, default=1, help="Untimed requests first (default 1).")

    def handle(self, *args, runs: int, warmups: int, **options) -> None:
        if runs < 2 or warmups < 1:
            raise CommandError("--runs must be 2 or more (for a p90), --warmups 1 or more (it keeps the PDF).")
        assembly = (
            Assembly.objects.filter(council__name_en=DEMO_COUNCIL, status=Assembly.Status.HELD)
            .order_by("-sequence")
            .first()
        )
        if assembly is None:
            raise CommandError("No held assembly of the demo council here: run `manage.py load_demo`.")
        warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic: no static file asked
        client, measure = clients(READER), Measure(runs=runs, warmups=warmups)
        page_url = reverse("assemblies:report", args=[assembly.pk])
        pdf_url = reverse("assemblies:report-pdf", args=[assembly.pk])
        # Entries of this run age out within minutes: each "made" request leaves one under a prefix of its own.
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], PDF_KEPT_FOR=dt.timedelta(minutes=10)):
            rows = [
                measure.page("report page (HTML), the floor", client, page_url),
                measure.timed("report PDF, made (each in an empty cache)", lambda: in_empty_cache(client, pdf_url)),
                measure.page("report PDF, kept (the same request again)", client, pdf_url),
            ]
            same = in_empty_cache(client, pdf_url) == client.get(pdf_url).content
        self.report(assembly, rows, runs, warmups, same=same)

    def report(self, assembly: Assembly, rows: list[Timing], runs: int, warmups: int, *, same: bool) -> None:
        write = self.stdout.write
        page, made, kept = rows
        exchanges = Exchange.objects.filter(team__council=assembly.council).count()
        write("")
        write(f"Machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
        write(f"Data: the demo council ({exchanges:,} exchanges), the report of assembly No. {assembly.sequence}")
        write(f"Server time in process (Django test Client), DEBUG off; median and p90 of {runs} after {warmups}.")
        backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        write(f"Cache: {backend}; the PDF is kept under a digest of its HTML (assemblies/views/report.py).")
        write("")
        write(f"{'request':<52}{'median ms':>11}{'p90 ms':>9}{'queries':>9}")
        for row in rows:
            write(f"{row.name:<52}{row.median:>11.1f}{row.p90:>9.1f}{row.queries:>9}")
        write(f"{'kept PDF byte for byte the made one':<52}{'yes' if same else 'NO':>11}")
        write("")
        made_s, kept_s = made.median / 1000, kept.median / 1000
        if made_s <= TARGET_SECONDS:
            verdict = "OK, made in time"
        elif kept_s <= TARGET_SECONDS and same:
            verdict = "OK, made once and kept"
        else:
            verdict = "over"
        target = f"at most {TARGET_SECONDS} s, or made once and kept"
        write(f"{'report PDF: made / kept':<52}{made_s:>6.2f} / {kept_s:.2f} s  (target: {target}: {verdict})")
        write(f"{'report PDF kept / report page':<52}{kept.median / page.median:>10.2f}x")


def in_empty_cache(client: Client, url: str) -> bytes:
    """The response to `url` with nothing in the cache: the default cache under a key prefix of its own."""
    fresh = {"default": {**settings.CACHES["default"], "KEY_PREFIX": f"bench-{uuid.uuid4().hex}"}}
    with override_settings(CACHES=fresh):
        response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}, not 200.")
    return response.content
