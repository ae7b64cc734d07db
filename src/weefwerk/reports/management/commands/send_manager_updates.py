"""``weefwerk send_manager_updates``: the managers' updates that are due today. Run it daily."""

from django.core.management.base import BaseCommand, CommandError

from weefwerk.reports.updates import send_manager_updates
from weefwerk.ui.commands import add_date_option


class Command(BaseCommand):
    help = (
        "Send the managers' update by e-mail to every manager whose rhythm is due (after a "
        "held session, monthly, quarterly or at the end). Running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        add_date_option(parser)
        parser.add_argument(
            "--base-url", help="The site's address for the links, e.g. https://weefwerk.example"
        )

    def handle(self, *args, **options):
        run = send_manager_updates(today=options["date"], site_url=options["base_url"])
        self.stdout.write(f"{len(run.sent)} sent, {run.skipped} already sent, {run.failed} failed")
        if run.failed:
            raise CommandError(f"{run.failed} update(s) could not be sent")
