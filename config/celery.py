"""The one Celery app. Workers: `celery -A config worker`; exactly one `celery -A config beat`."""

import os

from celery import Celery, signals

from common.request_context import connect_celery_signals
from config.log_json import use_in_celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("council_desk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A task queued by a request logs with the request's id; in JSON mode the worker's own lines are JSON.
connect_celery_signals()
signals.after_setup_logger.connect(use_in_celery, weak=False)
signals.after_setup_task_logger.connect(use_in_celery, weak=False)
