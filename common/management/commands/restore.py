from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive of `manage.py backup` into an EMPTY installation: a new database (createdb, "
        "not migrated) and an empty MEDIA_ROOT or bucket. Refuses otherwise, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database has rows (its tables are replaced) or the file storage has files "
            "(the archive's files are added, replacing those of the same name).",
        )
        parser.add_argument("--database", default="default", help="The DATABASES alias (default: default).")

    def handle(self, *args, archive: Path, force: bool, database: str, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            result = restore(archive_path=archive, force=force, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Restored the database and {result.files_text} from {archive} "
            f"(made {manifest['created_at']} by version {manifest['version']})."
        )
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
