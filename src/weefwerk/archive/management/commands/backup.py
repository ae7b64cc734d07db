"""``weefwerk backup <file>``: every row of the instance (users included) plus media files."""

from django.core.management.base import BaseCommand, CommandError

from weefwerk.archive import graph
from weefwerk.archive.backup import backup


class Command(BaseCommand):
    help = (
        "Back up the whole instance (all apps, users included, and uploaded files) into one zip "
        "file. Works on SQLite and PostgreSQL; restore it with 'weefwerk restore'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            result = backup(options["file"])
        except OSError as error:
            raise CommandError(f"De back-up kon niet worden geschreven: {error}") from error
        graph.audit(action="EXPORTED", description="back-up van de hele instantie")
        self.stdout.write(
            f"Back-up geschreven naar {options['file']}: {result.rows} rijen, "
            f"{result.files} bestanden."
        )
        for name in result.missing_files:
            self.stderr.write(f"Let op: het bestand {name} ontbreekt in de opslag.")
