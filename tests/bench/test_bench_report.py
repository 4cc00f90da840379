"""The report bench prints its measured figure beside the performance work's target, and checks what it keeps."""

import io

from django.core.management import call_command

from assemblies.models import Assembly
from bench.bulk import DEMO_COUNCIL


def test_the_report_bench_prints_made_and_kept_beside_the_target(db):
    out = io.StringIO()

    call_command("bench_report", runs=2, warmups=1, stdout=out)

    lines = out.getvalue().splitlines()
    # The demo's history is built around today: which assembly was held last depends on the day.
    held = Assembly.objects.filter(council__name_en=DEMO_COUNCIL, status=Assembly.Status.HELD)
    data = next(line for line in lines if line.startswith("Data:"))
    assert data.endswith(f"the report of assembly No. {held.order_by('sequence').last().sequence}")
    assert next(line for line in lines if line.startswith("kept PDF byte for byte")).endswith(" yes")
    target = next(line for line in lines if line.startswith("report PDF: made / kept"))
    assert "(target: at most 0.5 s, or made once and kept: " in target
