from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """Benchmarks and test harnesses. Installed by config.settings_dev and the test settings only, so
    that production neither offers these commands nor registers the bench's Celery task."""

    name = "bench"
    verbose_name = _("Benchmarks")
