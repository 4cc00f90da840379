from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from common.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump) and every uploaded file (MEDIA_ROOT, or the bucket of MEDIA_STORAGE_URL) "
        "into one .tar.gz archive. "
        "The app may keep running meanwhile. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", required=True, type=Path, help="The archive to write, e.g. backup.tar.gz")
        parser.add_argument("--database", default="default", help="The DATABASES alias (default: default).")

    def handle(self, *args, output: Path, database: str, **options):
        try:
            result = backup(output=output, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database {manifest['database']['name']} and "
            f"{result.files_text} to {output} "
            f"({filesizeformat(output.stat().st_size)}; version {manifest['version']})."
        )
