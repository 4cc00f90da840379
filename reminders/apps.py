from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from common import health, metrics
        from reminders import context_processors, receivers  # noqa: F401  (the kept pages' badge; the domain apps' signals)
        from reminders.health import check
        from reminders.metrics import QueueCollector
        from reminders.tasks import check_lost_after

        check_lost_after()  # every process (web, worker, beat, manage.py) refuses a wrong setting at startup
        health.register("reminders", check)  # /healthz: the beat sweeps, due reminders go out
        metrics.register_collector(QueueCollector)
