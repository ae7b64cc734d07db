from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    """Personal data: a person's own data on request, erasure, retention and the audit log."""

    name = "weefwerk.personaldata"
    label = "personaldata"
    verbose_name = _("Persoonsgegevens")

    def ready(self):
        from weefwerk.personaldata import signals  # noqa: F401 - connects the receivers
