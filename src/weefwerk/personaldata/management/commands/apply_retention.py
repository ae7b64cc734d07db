"""``weefwerk apply_retention``: the daily retention run. A scheduler runs it once a day."""

from datetime import datetime, time

from django.core.management.base import BaseCommand
from django.utils import timezone

from weefwerk.personaldata.services import apply_retention, due_trajectories
from weefwerk.ui.commands import add_date_option


class Command(BaseCommand):
    help = (
        "Make the people of closed trajectories anonymous once their retention period has "
        "passed (notes stay as 'anonieme deelnemer'), and remove audit log lines older than "
        "six months. Running it twice changes nothing the second time."
    )

    def add_arguments(self, parser):
        add_date_option(parser)
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the trajectories that are due."
        )

    def handle(self, *args, **options):
        now = None
        if options["date"]:
            now = timezone.make_aware(datetime.combine(options["date"], time(23, 59)))
        if options["dry_run"]:
            for trajectory in due_trajectories(now):
                self.stdout.write(f"due: trajectory {trajectory.pk}")
            return
        result = apply_retention(now=now)
        self.stdout.write(
            f"{len(result.trajectories)} trajectories anonymised ({result.people} people), "
            f"{result.audit_purged} audit entries older than six months removed"
        )
