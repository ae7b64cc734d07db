from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """Cases (casuïstiek): the library, the privacy check on save and "whom you need"."""

    name = "weefwerk.cases"
    label = "cases"
    verbose_name = _("Casussen")
