from django.core.management.base import BaseCommand

from common.catalogs import compile_catalogs


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po to .mo with polib (no GNU gettext needed)."

    def handle(self, *args, **options):
        compiled = compile_catalogs()
        self.stdout.write(f"Compiled {len(compiled)} catalogs.")
