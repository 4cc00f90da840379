import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, connection
from django.utils import timezone

from bench import bulk
from common import change_tokens


class Command(BaseCommand):
    help = (
        "Add N generated exchanges to the demo council (run load_demo first) for measuring at volume: "
        "spread over the last --years years and a few months ahead, deterministic for a --seed. Inserted "
        "in bulk, without history records or signals: the rows are generated, not edited by anyone. They "
        f"are recorded by the inactive account {bulk.MARKER_USERNAME!r}; --replace deletes those first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--exchanges", type=int, default=100_000, help="How many (default 100,000).")
        parser.add_argument("--years", type=int, default=10, help="Years back from today (default 10).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--replace", action="store_true", help="First delete the previously generated ones.")
        parser.add_argument("--batch-size", type=int, default=bulk.BATCH_SIZE, help="Rows per transaction.")

    def handle(self, *args, exchanges: int, years: int, seed: int, replace: bool, batch_size: int, **options):
        if exchanges < 0 or years < 1 or batch_size < 1:
            raise CommandError("--exchanges must be 0 or more, --years and --batch-size 1 or more.")
        try:
            layout = bulk.demo_layout()
        except bulk.DemoCouncilMissing as error:
            raise CommandError(str(error)) from None
        started = time.perf_counter()
        marker = bulk.marker_user()
        if replace:
            try:
                deleted = bulk.delete_generated(by=marker)
            except IntegrityError as error:
                raise CommandError(f"Other rows refer to generated exchanges; not replacing them: {error}") from None
            self.stdout.write(f"Deleted {deleted:,} generated exchanges in {time.perf_counter() - started:.1f} s.")

        def progress(done: int, seconds: float) -> None:
            self.stdout.write(f"  {done:>9,} / {exchanges:,}  {seconds:6.1f} s")

        rows = bulk.generated_exchanges(layout, count=exchanges, years=years, seed=seed, today=timezone.localdate())
        created = bulk.insert(rows, by=marker, batch_size=batch_size, progress=progress)
        change_tokens.renew()  # inserted in bulk, without the models' signals
        analyzing = time.perf_counter()
        bulk.analyze()
        self.stdout.write(f"  statistics refreshed (ANALYZE) in {time.perf_counter() - analyzing:.1f} s")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created:,} exchanges over {years} years (seed {seed}) on {connection.vendor} "
                f"in {seconds:.1f} s ({created / max(seconds, 1e-9):,.0f} per second)."
            )
        )
