"""The systemd units bound each process group's memory, so that one cannot starve PostgreSQL and Redis."""

from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"
BYTES = {"K": 1024, "M": 1024**2, "G": 1024**3}


def service_settings(unit: str) -> dict[str, str]:
    """The [Service] section's NAME=value lines (the last one wins, as in systemd)."""
    section, found = None, {}
    for line in (UNITS / unit).read_text().splitlines():
        if line.startswith("["):
            section = line.strip()
        elif section == "[Service]" and "=" in line and not line.startswith(("#", " ")):
            name, value = line.split("=", 1)
            found[name] = value
    return found


def in_bytes(size: str) -> int:
    return int(size[:-1]) * BYTES[size[-1]]


@pytest.mark.parametrize(
    ("unit", "high", "most"),
    [
        ("council-desk-web.service", "1536M", "2G"),
        ("council-desk-worker@.service", "768M", "1G"),
        ("council-desk-beat.service", "384M", "512M"),
    ],
)
def test_each_unit_is_throttled_before_its_memory_limit(unit, high, most):
    settings = service_settings(unit)

    assert (settings["MemoryHigh"], settings["MemoryMax"]) == (high, most)
    assert in_bytes(settings["MemoryHigh"]) < in_bytes(settings["MemoryMax"])


@pytest.mark.parametrize("unit", ["council-desk-web.service", "council-desk-worker@.service"])
def test_a_process_killed_for_memory_leaves_its_unit_running(unit):
    """gunicorn and Celery replace a killed worker; systemd's default would stop the whole unit."""
    assert service_settings(unit)["OOMPolicy"] == "continue"
