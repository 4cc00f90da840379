"""The reminders' queue for Prometheus, read at each scrape (common.metrics; registered in apps.py)."""

from prometheus_client.core import GaugeMetricFamily

from reminders.health import read_state


class QueueCollector:
    """Two queries a scrape: the sweep's row, and every delivery grouped by status."""

    def collect(self):
        state = read_state(with_counts=True)
        deliveries = GaugeMetricFamily(
            "council_desk_reminder_deliveries", "Reminder deliveries by status.", labels=["status"]
        )
        for status, count in state.counts.items():
            deliveries.add_metric([status], count)
        yield deliveries
        yield GaugeMetricFamily(
            "council_desk_reminder_lag_seconds",
            "How long the longest-waiting due reminder has waited to be sent (0: none waits).",
            value=state.lag().total_seconds(),
        )
        yield GaugeMetricFamily(
            "council_desk_reminder_sweep_age_seconds",
            "Seconds since the beat's sweep last ran (or, before the first sweep, since watching began).",
            value=state.since_sweep().total_seconds(),
        )
