"""The reference list of domains a new trajectory starts with.

The first seven are the ones the playbook names for the organisation network; the others are
the parties that usually sit around a family in poverty. Each trajectory can edit its own list.
"""

from django.utils.translation import gettext_lazy as _

PLAYBOOK_DOMAINS = [
    _("Schuldhulpverlening"),
    _("Budgetcoaching"),
    _("Kerkelijke organisaties"),
    _("Welzijnswerk"),
    _("Jeugdgezondheidszorg"),
    _("Onderwijs"),
    _("Ervaringsdeskundigheid"),
]

USUAL_DOMAINS = [
    _("Gemeente / inkomen"),
    _("Wijkteam"),
    _("Voedselbank"),
    _("Kinderopvang"),
    _("Sport en cultuur"),
    _("Woningcorporatie"),
    _("GGD"),
    _("Huisarts / zorg"),
]

DEFAULT_DOMAINS = PLAYBOOK_DOMAINS + USUAL_DOMAINS
