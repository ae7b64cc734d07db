"""The interactive network map page. Its data and every write go through ``api.py``."""

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from weefwerk.networkmap import services
from weefwerk.networkmap.models import ConnectionKind, Direction, ElementKind, MemberRole, Status
from weefwerk.trajectories.access import TrajectoryMixin

# Stands in for an object id in the URL templates the script fills in.
PLACEHOLDER = 999999999


# Words the script shows; translated here so the script holds no Dutch of its own.
def map_texts() -> dict:
    return {
        "summary": _(
            "%(elements)s van %(all_elements)s elementen en %(connections)s van "
            "%(all_connections)s verbindingen zichtbaar."
        ),
        "focus_summary": _("Omgeving van ‘%(label)s’, %(steps)s stap(pen): "),
        "empty": _("Er staan nog geen elementen op de kaart."),
        "loading_failed": _("De kaart kon niet worden geladen. Probeer het later opnieuw."),
        "saved": _("Opgeslagen."),
        "added": _("‘%(label)s’ is toegevoegd."),
        "connected": _("Verbinding met ‘%(label)s’ is toegevoegd."),
        "deleted": _("‘%(label)s’ is verwijderd. U kunt dit ongedaan maken."),
        "connection_deleted": _("De verbinding is verwijderd. U kunt dit ongedaan maken."),
        "save_failed": _("Opslaan is niet gelukt."),
        "network_error": _("Geen verbinding met de server. Probeer het opnieuw."),
        "forbidden": _("U mag deze kaart alleen bekijken, niet veranderen."),
        "positions_failed": _("De plekken op de kaart zijn niet opgeslagen."),
        "found": _("%(count)s gevonden: %(labels)s"),
        "not_found": _("Niets gevonden voor ‘%(query)s’."),
        "undo_none": _("Er is niets om ongedaan te maken."),
        "undo_done": _("Ongedaan gemaakt: %(label)s."),
        "undo_failed": _("Ongedaan maken is niet gelukt."),
        "undo_button": _("Ongedaan maken: %(label)s"),
        "op_create": _("‘%(label)s’ toevoegen"),
        "op_update": _("‘%(label)s’ wijzigen"),
        "op_delete": _("‘%(label)s’ verwijderen"),
        "op_connect": _("verbinding toevoegen"),
        "op_connection_update": _("verbinding wijzigen"),
        "op_connection_delete": _("verbinding verwijderen"),
        "op_move": _("element verplaatsen"),
        "op_layout": _("opnieuw schikken"),
        "layout_done": _("De kaart is opnieuw geschikt."),
        "no_connections": _("Nog geen verbindingen."),
        "choose_element": _("Kies een element"),
        "all_tags": _("Alle labels"),
        "show": _("Bekijk"),
        "edit": _("Wijzig"),
        "delete": _("Verwijder"),
        "to": _("naar"),
        "from": _("van"),
        "with": _("met"),
        "legend_kind": _("Kleur en vorm: soort element"),
        "legend_shape": _("Vorm: soort element"),
        "legend_domain": _("Kleur: eerste domein"),
        "no_domain": _("Geen domein"),
        "legend_status": _("Status"),
        "legend_active": _("Doorgetrokken rand: op de kaart"),
        "legend_proposed": _("Gestreepte rand: voorgesteld"),
        "legend_wanted": _("Gestippelde rand: gewenst"),
        "legend_lines": _("Lijnen"),
        "legend_arrow": _("Pijl: richting van de verbinding"),
        "legend_width": _("Dikte: sterkte (1 tot 3)"),
        "legend_size": _("Grootte: %(metric)s"),
        "legend_colour_measure": _("Kleur: %(metric)s (licht is laag, donker is hoog)"),
        "legend_colour_group": _("Kleur: %(metric)s"),
        "group": _("Groep %(n)s"),
        "no_value": _("Geen cijfer (niet actief)"),
        "range": _("%(low)s tot %(high)s"),
        "legend_highlight": _("Gemarkeerd"),
        "legend_webber_confirmed": _("Paarse brede rand: bevestigde webber"),
        "legend_webber_candidate": _("Paarse smalle rand: mogelijke webber"),
        "legend_weak_spot": _("Rode rand: als dit element vertrekt, valt het netwerk uiteen"),
        "legend_bridge": _("Rode dikke lijn: verbinding waar veel van afhangt"),
        "highlight_confirmed": _("Bevestigde webbers"),
        "highlight_candidates": _("Mogelijke webbers"),
        "highlight_articulation": _("Als dit element vertrekt, valt het netwerk uiteen"),
        "highlight_bridges": _("Verbindingen waar veel van afhangt"),
        "highlight_none": _("Geen."),
        "highlight_more": _("En nog %(n)s."),
        "highlight_summary": _(
            "%(webbers)s webbers en %(weak)s zwakke plekken gemarkeerd op de kaart."
        ),
        "facts_kind": _("Soort"),
        "facts_status": _("Status"),
        "facts_description": _("Omschrijving"),
        "facts_domains": _("Domeinen"),
        "facts_tags": _("Labels"),
        "facts_rhythm": _("Komt bijeen"),
        "facts_missing": _("Wat ontbreekt"),
        "strength": _("sterkte %(n)s"),
        "png_failed": _("Het plaatje kon niet worden gemaakt."),
        "canvas_label": _(
            "Netwerkkaart met %(elements)s elementen en %(connections)s "
            "verbindingen. Dezelfde gegevens staan in de lijst met elementen "
            "hieronder en in de tabellen."
        ),
    }


class MapView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/map.html"

    def _url(self, name, **kwargs):
        return reverse(f"networkmap:{name}", kwargs={"trajectory_id": self.trajectory.pk, **kwargs})

    def urls(self, network_map) -> dict:
        pk = {"pk": PLACEHOLDER}
        # The chosen map's places: read from and saved to that map.
        chosen = f"?kaart={network_map.pk}" if network_map is not None else ""
        urls = {
            "data": self._url("map_data") + chosen,
            "element_create": self._url("map_element_create"),
            "element_update": self._url("map_element_update", **pk),
            "element_delete": self._url("map_element_delete", **pk),
            "connection_create": self._url("map_connection_create"),
            "connection_update": self._url("map_connection_update", **pk),
            "connection_delete": self._url("map_connection_delete", **pk),
            "positions": self._url("map_positions") + chosen,
        }
        # The analysis (another part of the app) adds measures to size the elements by.
        analysis = f"{self._url('map')}analyse.json"
        try:
            resolve(analysis)
            urls["analysis"] = analysis
        except Resolver404:
            urls["analysis"] = ""
        try:
            urls["analysis_page"] = self._url("analysis")
        except NoReverseMatch:
            urls["analysis_page"] = ""
        return urls

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            table_url = self._url("elements")
        except NoReverseMatch:
            table_url = ""
        network_map = services.map_chosen(self.trajectory, self.request.GET.get("kaart"))
        context.update(
            network_map=network_map,
            network_maps=list(self.trajectory.network_maps.order_by("pk")),
            urls=self.urls(network_map),
            placeholder=PLACEHOLDER,
            table_url=table_url,
            texts=map_texts(),
            kinds=ElementKind.choices,
            statuses=Status.choices,
            connection_kinds=ConnectionKind.choices,
            directions=Direction.choices,
            roles=MemberRole.choices,
            domains=list(self.trajectory.domains.all()),
            steps=[1, 2, 3],
        )
        return context
