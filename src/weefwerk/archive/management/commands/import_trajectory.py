"""``weefwerk import_trajectory <file.zip> --owner <email>``: a zip file as a new trajectory."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from weefwerk.archive import services
from weefwerk.archive.trajectory_import import ArchiveError


class Command(BaseCommand):
    help = (
        "Import a trajectory's zip file as a NEW trajectory (new ids, new secret links), all or "
        "nothing. The owner becomes its facilitator."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--owner", required=True, help="E-mail address of an existing account: the facilitator."
        )

    def handle(self, *args, **options):
        owner = get_user_model().objects.filter(email__iexact=options["owner"]).first()
        if owner is None:
            raise CommandError(f"Er is geen account met het e-mailadres {options['owner']}.")
        try:
            with open(options["file"], "rb") as source:
                result = services.trajectory_import(source, user=owner)
        except OSError as error:
            raise CommandError(f"Het bestand is niet te lezen: {error}") from error
        except ArchiveError as error:
            raise CommandError(error.message) from error
        trajectory = result.trajectory
        self.stdout.write(f"Geïmporteerd als traject {trajectory.pk}: „{trajectory.name}”.")
        for what, count in result.counts:
            self.stdout.write(f"  {what}: {count}")
        self.stdout.write(
            f"  bestanden: {result.files}; accounts gekoppeld: {result.users_matched}, "
            f"nieuw (niet actief): {result.users_created}"
        )
