"""``weefwerk apply_retention``: the daily retention run. A scheduler runs it once a day."""

from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from weefwerk.personaldata.services import apply_retention, due_trajectories


class Command(BaseCommand):
    help = (
        "Make the people of closed trajectories anonymous once their retention period has "
        "passed (notes stay as 'anonieme deelnemer'), and remove audit log lines older than "
        "six months. Running it twice changes nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the trajectories that are due."
        )

    def handle(self, *args, **options):
        now = None
        if options["date"]:
            try:
                day = datetime.fromisoformat(options["date"]).date()
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
            now = timezone.make_aware(datetime.combine(day, time(23, 59)))
        if options["dry_run"]:
            for trajectory in due_trajectories(now):
                self.stdout.write(f"due: trajectory {trajectory.pk}")
            return
        result = apply_retention(now=now)
        self.stdout.write(
            f"{len(result.trajectories)} trajectories anonymised ({result.people} people), "
            f"{result.audit_purged} audit entries older than six months removed"
        )
