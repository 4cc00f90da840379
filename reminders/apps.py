from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from common import health, kept_pages, metrics
        from reminders import receivers  # noqa: F401  (connects to the domain apps' signals)
        from reminders.context_processors import unread_badge
        from reminders.health import check
        from reminders.metrics import QueueCollector
        from reminders.tasks import check_lost_after

        check_lost_after()  # every process (web, worker, beat, manage.py) refuses a wrong setting at startup
        kept_pages.live("unread", unread_badge)  # the navigation's, counted afresh on a kept page too
        health.register("reminders", check)  # /healthz: the beat sweeps, due reminders go out
        metrics.register_collector(QueueCollector)
