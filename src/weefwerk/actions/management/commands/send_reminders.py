"""``weefwerk send_reminders``: the reminder e-mails of today. A scheduler runs it daily."""

from django.core.management.base import BaseCommand, CommandError

from weefwerk.actions.reminders import send_reminders
from weefwerk.ui.commands import add_date_option


class Command(BaseCommand):
    help = (
        "Send reminder e-mails: to every owner before a follow-up meeting, and when the date of "
        "an agreement has passed. Running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        add_date_option(parser)
        parser.add_argument("--days", type=int, help="Days ahead of a follow-up meeting.")
        parser.add_argument(
            "--base-url", help="The site's address for the links, e.g. https://weefwerk.example"
        )

    def handle(self, *args, **options):
        run = send_reminders(
            today=options["date"], days=options["days"], site_url=options["base_url"]
        )
        self.stdout.write(f"{len(run.sent)} sent, {run.skipped} already sent, {run.failed} failed")
        if run.failed:
            raise CommandError(f"{run.failed} reminder(s) could not be sent")
