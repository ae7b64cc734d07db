"""``weefwerk export_trajectory <id> <file.zip>``: one trajectory as one zip file."""

from django.core.management.base import BaseCommand, CommandError

from weefwerk.archive import services
from weefwerk.trajectories.models import Trajectory


class Command(BaseCommand):
    help = "Export one trajectory (every row and uploaded file) as a versioned zip file."

    def add_arguments(self, parser):
        parser.add_argument("trajectory_id", type=int)
        parser.add_argument("file", help="The zip file to write.")

    def handle(self, *args, **options):
        trajectory = Trajectory.objects.filter(pk=options["trajectory_id"]).first()
        if trajectory is None:
            raise CommandError(f"Er is geen traject met nummer {options['trajectory_id']}.")
        try:
            with open(options["file"], "wb") as target:
                services.trajectory_export(trajectory, stream=target)
        except OSError as error:
            raise CommandError(f"Het bestand kon niet worden geschreven: {error}") from error
        self.stdout.write(f"„{trajectory.name}” geëxporteerd naar {options['file']}.")
