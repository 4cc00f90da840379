from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self):
        from common import kept_pages
        from dashboards import cache, live

        cache.connect()
        kept_pages.live("failed-deliveries", live.failed_deliveries)  # on the homes, counted afresh when kept
        kept_pages.live("briefing-since", live.briefing_since)
