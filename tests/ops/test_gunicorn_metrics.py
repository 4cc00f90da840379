"""deploy/gunicorn.conf.py keeps PROMETHEUS_MULTIPROC_DIR as prometheus-client's multiprocess mode needs it."""

import runpy
from types import SimpleNamespace

from django.conf import settings


def gunicorn_config(monkeypatch, folder) -> dict:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(folder))
    return runpy.run_path(str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py"))


def test_gunicorn_starts_with_an_empty_metrics_folder_and_makes_it(monkeypatch, tmp_path):
    folder = tmp_path / "metrics"
    config = gunicorn_config(monkeypatch, folder)
    config["on_starting"](None)
    assert folder.is_dir()
    (folder / "counter_4242.db").write_bytes(b"an earlier run's counts")
    (folder / "README").write_text("not ours")

    config["on_starting"](None)

    assert sorted(path.name for path in folder.iterdir()) == ["README"]


def test_a_workers_exit_drops_its_live_gauges_and_keeps_its_counts(monkeypatch, tmp_path):
    config = gunicorn_config(monkeypatch, tmp_path)
    for name in ("counter_4242.db", "histogram_4242.db", "gauge_livesum_4242.db", "gauge_livesum_4343.db"):
        (tmp_path / name).write_bytes(b"")

    config["child_exit"](None, SimpleNamespace(pid=4242))

    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "counter_4242.db", "gauge_livesum_4343.db", "histogram_4242.db",
    ]  # fmt: skip
