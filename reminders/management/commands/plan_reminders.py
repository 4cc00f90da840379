from django.core.management.base import BaseCommand

from reminders.planning import plan_all


class Command(BaseCommand):
    help = "Plan every council's reminders now (the beat does it every quarter hour)."

    def handle(self, *args, **options) -> None:
        rules = plan_all()
        self.stdout.write(f"Planned reminders for {rules} rules.")
