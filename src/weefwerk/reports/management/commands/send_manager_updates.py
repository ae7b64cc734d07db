"""``weefwerk send_manager_updates``: the managers' updates that are due today. Run it daily."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from weefwerk.reports.updates import send_manager_updates


class Command(BaseCommand):
    help = (
        "Send the managers' update by e-mail to every manager whose rhythm is due (after a "
        "held session, monthly, quarterly or at the end). Running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument(
            "--base-url", help="The site's address for the links, e.g. https://weefwerk.example"
        )

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        run = send_manager_updates(today=today, site_url=options["base_url"])
        self.stdout.write(f"{len(run.sent)} sent, {run.skipped} already sent, {run.failed} failed")
        if run.failed:
            raise CommandError(f"{run.failed} update(s) could not be sent")
