from django.core.management.base import BaseCommand, CommandError

from common.catalogs import catalog_gaps


class Command(BaseCommand):
    help = "Fail when the Korean or Simplified Chinese catalog has an untranslated or fuzzy entry."

    def handle(self, *args, **options):
        gaps = catalog_gaps()
        for gap in gaps:
            self.stderr.write(f"{gap.path}: {gap.untranslated} untranslated, {gap.fuzzy} fuzzy")
        if gaps:
            raise CommandError("Translation catalogs are incomplete.")
        self.stdout.write("Catalogs complete.")
