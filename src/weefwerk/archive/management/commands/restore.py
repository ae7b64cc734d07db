"""``weefwerk restore <file>``: put a backup back into a freshly migrated, empty database."""

from django.core.management.base import BaseCommand, CommandError

from weefwerk.archive import graph
from weefwerk.archive.backup import restore
from weefwerk.archive.trajectory_import import ArchiveError


class Command(BaseCommand):
    help = (
        "Restore a backup from 'weefwerk backup' into an empty database (run 'weefwerk migrate' "
        "first), in one transaction. Refuses a database that has data, unless --flush."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--flush",
            "--force",
            dest="flush",
            action="store_true",
            help="Delete everything in this database first, then restore.",
        )

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as source:
                result = restore(source, flush=options["flush"])
        except OSError as error:
            raise CommandError(f"Het bestand is niet te lezen: {error}") from error
        except ArchiveError as error:
            raise CommandError(error.message) from error
        graph.audit(action="RESTORED", description="back-up van de hele instantie")
        self.stdout.write(
            f"Back-up van {result.meta.get('created_at', '?')[:19]} teruggezet: "
            f"{result.rows} rijen, {result.files} bestanden."
        )
