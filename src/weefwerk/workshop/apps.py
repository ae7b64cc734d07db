from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopConfig(AppConfig):
    """Live sessions: join by code, sticky notes from phones, the wall, voting and photos."""

    name = "weefwerk.workshop"
    label = "workshop"
    verbose_name = _("Live sessies")

    def ready(self):
        from django.db.models.signals import pre_save

        from weefwerk.trajectories.models import Meeting
        from weefwerk.workshop.services import close_joining_when_held

        pre_save.connect(
            close_joining_when_held, sender=Meeting, dispatch_uid="workshop.close_joining_when_held"
        )
