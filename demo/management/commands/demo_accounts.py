from django.conf import settings
from django.core.management.base import BaseCommand

from council.models import Role
from demo.structure import PEOPLE


class Command(BaseCommand):
    help = "Print the demo accounts and who each one is (`make run` shows them once the server is up)."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo accounts (password: {settings.DEMO_PASSWORD!r}):")
        for username, _name, romanised, title, _department, roles in PEOPLE:
            if username:
                role = ", ".join(str(Role.Kind(kind).label) + (f" ({team})" if team else "") for kind, team in roles)
                self.stdout.write(f"  {username:<24} {romanised}, {title}{f' — {role}' if role else ''}")
