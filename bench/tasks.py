"""The bench's Celery task. Celery autodiscovers this module only where the bench app is installed
(config.settings_dev, the test settings), so a production worker never registers it."""

from celery import shared_task


@shared_task(name="bench.noop", ignore_result=True)
def noop(number: int) -> int:
    """Bare Celery, for `make bench-reminders`: the time per message that our send path adds to."""
    return number
