from django.core.management.base import BaseCommand

from weefwerk.demo.build import DEMO_EMAIL, DEMO_PASSWORD, MANAGER_EMAIL, build_demo
from weefwerk.trajectories.models import Meeting


class Command(BaseCommand):
    help = "Fills the database with a fictional municipality and its trajectory."

    def handle(self, *args, **options):
        trajectory = build_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-traject klaar: {trajectory.name} "
                f"({trajectory.organisations.count()} organisaties, "
                f"{trajectory.people.count()} personen, "
                f"{trajectory.meetings.count()} bijeenkomsten, waarvan "
                f"{trajectory.meetings.filter(status=Meeting.Status.HELD).count()} gehouden; "
                f"{trajectory.network_elements.count()} elementen op de netwerkkaart, "
                f"{trajectory.agreements.count()} afspraken)."
            )
        )
        self.stdout.write(f"Inloggen als gespreksleider: {DEMO_EMAIL} / {DEMO_PASSWORD}")
        self.stdout.write(f"Inloggen als leidinggevende: {MANAGER_EMAIL} / {DEMO_PASSWORD}")
