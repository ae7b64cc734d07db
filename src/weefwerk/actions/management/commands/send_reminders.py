"""``weefwerk send_reminders``: the reminder e-mails of today. A scheduler runs it daily."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from weefwerk.actions.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Send reminder e-mails: to every owner before a follow-up meeting, and when the date of "
        "an agreement has passed. Running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--days", type=int, help="Days ahead of a follow-up meeting.")
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
        run = send_reminders(today=today, days=options["days"], site_url=options["base_url"])
        self.stdout.write(f"{len(run.sent)} sent, {run.skipped} already sent, {run.failed} failed")
        if run.failed:
            raise CommandError(f"{run.failed} reminder(s) could not be sent")
