"""JSON endpoints behind the interactive network map.

``MapDataView`` returns the whole network in one answer (one query per table). The write
endpoints take JSON (or an ordinary form post), call the services and answer with the saved
object, or with status 400 and Dutch messages. Readers (managers) get 403 on every write,
non-members 404: ``TrajectoryMixin`` decides, these views only turn its refusal into JSON.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import View

from weefwerk.networkmap import services
from weefwerk.networkmap.models import (
    Connection,
    ConnectionKind,
    Direction,
    Element,
    ElementKind,
    MemberRole,
    NetworkMap,
    Position,
    Status,
)
from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.models import Domain

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), each node also has a shape
# and a dark border, and the legend names every colour in text.
KIND_STYLE = {
    ElementKind.ORGANISATION: ("#0b5cad", "round-rectangle"),
    ElementKind.PERSON: ("#c4380a", "ellipse"),
    ElementKind.TABLE: ("#137a4f", "hexagon"),
    ElementKind.PROGRAMME: ("#8c3e9c", "diamond"),
    ElementKind.INFORMAL: ("#8a6a00", "triangle"),
}
DOMAIN_PALETTE = [
    "#0b5cad",
    "#c4380a",
    "#137a4f",
    "#8c3e9c",
    "#8a6a00",
    "#b0175a",
    "#0f7a87",
    "#5d4fc4",
    "#6a7b00",
    "#a34f00",
    "#3a5a78",
    "#7a3b2e",
]
NO_DOMAIN_COLOUR = "#6b6b6b"

ELEMENT_TEXT_FIELDS = {
    "label": 200,
    "description": None,
    "rhythm": 100,
    "missing_note": None,
}
CONNECTION_TEXT_FIELDS = {"custom_kind": 100, "note": None}


def legend(domains) -> dict:
    return {
        "kinds": [
            {"value": kind.value, "label": str(kind.label), "colour": colour, "shape": shape}
            for kind, (colour, shape) in KIND_STYLE.items()
        ],
        "statuses": [{"value": s.value, "label": str(s.label)} for s in Status],
        "connection_kinds": [{"value": k.value, "label": str(k.label)} for k in ConnectionKind],
        "directions": [{"value": d.value, "label": str(d.label)} for d in Direction],
        "roles": [{"value": r.value, "label": str(r.label)} for r in MemberRole],
        "domains": [
            {"id": domain["id"], "label": domain["name"], "colour": domain["colour"]}
            for domain in domains
        ],
        "no_domain_colour": NO_DOMAIN_COLOUR,
    }


def element_data(element: Element, domain_ids=None) -> dict:
    if domain_ids is None:
        domain_ids = sorted(element.domains.values_list("pk", flat=True))
    return {
        "id": element.pk,
        "label": element.label,
        "kind": element.kind,
        "status": element.status,
        "description": element.description,
        "domains": list(domain_ids),
        "tags": list(element.tags or []),
        "rhythm": element.rhythm,
        "missing_note": element.missing_note,
        "organisation": element.organisation_id,
        "person": element.person_id,
    }


CONNECTION_VALUES = (
    "id",
    "source_id",
    "target_id",
    "kind",
    "custom_kind",
    "direction",
    "strength",
    "role",
    "note",
    "status",
    "tags",
)


def connection_data(row) -> dict:
    """From a Connection or from a ``values()`` row of CONNECTION_VALUES."""
    if isinstance(row, Connection):
        row = {name: getattr(row, name) for name in CONNECTION_VALUES}
    if row["kind"] == ConnectionKind.CUSTOM:
        kind_label = row["custom_kind"]
    else:
        kind_label = dict(ConnectionKind.choices).get(row["kind"])
    return {
        "id": row["id"],
        "source": row["source_id"],
        "target": row["target_id"],
        "kind": row["kind"],
        "kind_label": str(kind_label or row["kind"]),
        "custom_kind": row["custom_kind"],
        "direction": row["direction"],
        "strength": row["strength"],
        "role": row["role"],
        "note": row["note"],
        "status": row["status"],
        "tags": list(row["tags"] or []),
    }


# What the script assumes for a field that kaart.json leaves out.
ELEMENT_DEFAULTS = {
    "status": Status.ACTIVE.value,
    "description": "",
    "domains": [],
    "tags": [],
    "rhythm": "",
    "missing_note": "",
    "organisation": None,
    "person": None,
}
CONNECTION_DEFAULTS = {
    "custom_kind": "",
    "direction": Direction.DIRECTED.value,
    "strength": 2,
    "role": "",
    "note": "",
    "status": Status.ACTIVE.value,
    "tags": [],
}
# (name in kaart.json, database column) in the order of the ``values_list`` query.
ELEMENT_COLUMNS = (
    ("id", "id"),
    ("label", "label"),
    ("kind", "kind"),
    ("status", "status"),
    ("description", "description"),
    ("tags", "tags"),
    ("rhythm", "rhythm"),
    ("missing_note", "missing_note"),
    ("organisation", "organisation_id"),
    ("person", "person_id"),
)
CONNECTION_COLUMNS = (
    ("id", "id"),
    ("source", "source_id"),
    ("target", "target_id"),
    ("kind", "kind"),
    ("custom_kind", "custom_kind"),
    ("direction", "direction"),
    ("strength", "strength"),
    ("role", "role"),
    ("note", "note"),
    ("status", "status"),
    ("tags", "tags"),
)
_MISSING = object()


def _compact_rows(queryset, columns, defaults) -> list[dict]:
    """The rows as dicts without the fields that have their default value (the script fills
    them in again): that halves the answer for a large network. Tuples from ``values_list``
    and one loop, because this runs for every element and connection of the map."""
    names = [name for name, _column in columns]
    plan = [(index, name, defaults.get(name, _MISSING)) for index, name in enumerate(names)]
    # Labels come as JSON text and are only decoded when there are any: most rows have none.
    selected = [Cast(column, TextField()) if name == "tags" else column for name, column in columns]
    rows = []
    for values in queryset.values_list(*selected):
        row = {}
        for index, name, default in plan:
            value = values[index]
            if name == "tags":
                value = [] if value in (None, "[]", "null") else json.loads(value)
            if value != default:
                row[name] = value
        rows.append(row)
    return rows


def map_domains(trajectory) -> list[dict]:
    """The trajectory's domains with the colour the map gives each (by position)."""
    domains = list(trajectory.domains.values("id", "name"))
    for index, domain in enumerate(domains):
        domain["colour"] = DOMAIN_PALETTE[index % len(DOMAIN_PALETTE)]
    return domains


def map_positions(trajectory, network_map: NetworkMap | None = None) -> dict:
    """``{"<element id>": [x, y]}`` of ``network_map``, by default the first map; reading it
    never creates it."""
    if network_map is None:
        first = NetworkMap.objects.filter(trajectory=trajectory).order_by("pk")
        network_map = first.values("pk")[:1]
    return {
        str(element_id): [round(x, 1), round(y, 1)]
        for element_id, x, y in Position.objects.filter(map=network_map).values_list(
            "element_id", "x", "y"
        )
    }


def network_data(trajectory, network_map: NetworkMap | None = None) -> dict:
    """Everything the map shows: five queries, whatever the size of the network.

    The positions are those of ``network_map``, by default the first map. Fields with their
    default value (``ELEMENT_DEFAULTS``, ``CONNECTION_DEFAULTS``) are left out.
    """
    domains = map_domains(trajectory)
    domains_of: dict[int, list[int]] = {}
    through = Element.domains.through.objects.filter(element__trajectory=trajectory)
    for element_id, domain_id in through.order_by("domain_id").values_list(
        "element_id", "domain_id"
    ):
        domains_of.setdefault(element_id, []).append(domain_id)
    elements = _compact_rows(
        Element.objects.filter(trajectory=trajectory).order_by("label", "pk"),
        ELEMENT_COLUMNS,
        ELEMENT_DEFAULTS,
    )
    for element in elements:
        if ids := domains_of.get(element["id"]):
            element["domains"] = ids
    connections = _compact_rows(
        Connection.objects.filter(trajectory=trajectory).order_by("pk"),
        CONNECTION_COLUMNS,
        CONNECTION_DEFAULTS,
    )
    return {
        "elements": elements,
        "connections": connections,
        "positions": map_positions(trajectory, network_map),
        "domains": [{"id": d["id"], "label": d["name"]} for d in domains],
        "legend": legend(domains),
        "defaults": {"element": ELEMENT_DEFAULTS, "connection": CONNECTION_DEFAULTS},
    }


class ApiError(Exception):
    def __init__(self, errors: dict[str, list[str]], status: int = 400):
        super().__init__(errors)
        self.errors = errors
        self.status = status


def _error_response(errors: dict, status: int = 400) -> JsonResponse:
    first = next((messages[0] for messages in errors.values() if messages), "")
    message = _("Dit kon niet worden opgeslagen.") if status == 400 else first
    return JsonResponse({"message": message, "errors": errors, "detail": first}, status=status)


class MapApiMixin(TrajectoryMixin):
    """Membership first (404 for outsiders), then the role (403 for readers), always as JSON."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return JsonResponse(
                {"message": _("U mag deze kaart alleen bekijken, niet veranderen.")}, status=403
            )
        except Http404:
            return JsonResponse({"message": _("Dit bestaat niet (meer).")}, status=404)
        except ApiError as error:
            return _error_response(error.errors, error.status)

    def payload(self) -> dict:
        """The JSON body, or the form fields of an ordinary post."""
        if self.request.content_type == "application/json":
            try:
                data = json.loads(self.request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                raise ApiError(
                    {"__all__": [_("De gegevens konden niet worden gelezen.")]}
                ) from None
            if not isinstance(data, dict):
                raise ApiError({"__all__": [_("De gegevens konden niet worden gelezen.")]})
            return data
        data = {}
        for key in self.request.POST:
            values = self.request.POST.getlist(key)
            data[key] = values if key in ("domains", "tags") else values[-1]
        return data

    def element(self, pk) -> Element:
        try:
            return Element.objects.get(trajectory=self.trajectory, pk=int(pk))
        except (Element.DoesNotExist, TypeError, ValueError):
            raise Http404 from None

    def connection(self, pk) -> Connection:
        try:
            return Connection.objects.select_related("source", "target").get(
                trajectory=self.trajectory, pk=int(pk)
            )
        except (Connection.DoesNotExist, TypeError, ValueError):
            raise Http404 from None


def _text(data: dict, name: str, max_length: int | None, errors: dict) -> str:
    value = data.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float):
        errors.setdefault(name, []).append(_("Vul hier tekst in."))
        return ""
    value = str(value).strip()
    if max_length and len(value) > max_length:
        errors.setdefault(name, []).append(
            _("Gebruik hoogstens %(n)s tekens (nu %(count)s).")
            % {"n": max_length, "count": len(value)}
        )
    return value


def _choice(data: dict, name: str, choices, errors: dict, blank: bool = False) -> str:
    value = data.get(name)
    value = "" if value is None else str(value)
    valid = {choice.value for choice in choices}
    if (blank and value == "") or value in valid:
        return value
    errors.setdefault(name, []).append(_("Kies een van de mogelijkheden uit de lijst."))
    return value


def _tags(data: dict, errors: dict) -> list[str]:
    value = data.get("tags") or []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        errors.setdefault("tags", []).append(_("Geef de labels als lijst."))
        return []
    tags = []
    for tag in value:
        tag = str(tag).strip()
        if tag and tag not in tags:
            tags.append(tag[:100])
    return tags


def _ids(value) -> list[int] | None:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        value = [value]
    try:
        return [int(item) for item in value]
    except (TypeError, ValueError):
        return None


def _coordinate(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number != number or abs(number) > 1e7:  # NaN or far off the map
        return None
    return number


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            field: [message for item in items for message in item.messages]
            for field, items in error.error_dict.items()
        }
    return {"__all__": list(error.messages)}


class ElementWriteMixin(MapApiMixin):
    http_method_names = ["post"]

    def element_fields(self, data: dict, partial: bool) -> dict:
        errors: dict[str, list[str]] = {}
        fields: dict = {}
        for name, max_length in ELEMENT_TEXT_FIELDS.items():
            if partial and name not in data:
                continue
            fields[name] = _text(data, name, max_length, errors)
        if "label" in fields and not fields["label"]:
            errors.setdefault("label", []).append(_("Geef het element een naam."))
        if not partial or "kind" in data:
            fields["kind"] = _choice(data, "kind", ElementKind, errors)
        if not partial or "status" in data:
            if data.get("status") in (None, "") and not partial:
                fields["status"] = Status.ACTIVE
            else:
                fields["status"] = _choice(data, "status", Status, errors)
        if not partial or "tags" in data:
            fields["tags"] = _tags(data, errors)
        if not partial or "domains" in data:
            ids = _ids(data.get("domains"))
            domains = (
                list(Domain.objects.filter(trajectory=self.trajectory, pk__in=ids)) if ids else []
            )
            if ids is None or len(domains) != len(set(ids)):
                errors.setdefault("domains", []).append(
                    _("Kies domeinen uit de lijst van dit traject.")
                )
            fields["domains"] = domains
        if not partial:
            # Undo re-creates a deleted element with its link to the trajectory's records.
            for name, model in (("organisation", Organisation), ("person", Person)):
                if data.get(name) in (None, ""):
                    continue
                try:
                    fields[name] = model.objects.get(trajectory=self.trajectory, pk=int(data[name]))
                except (model.DoesNotExist, TypeError, ValueError):
                    errors.setdefault(name, []).append(_("Kies uit de lijst van dit traject."))
        if errors:
            raise ApiError(errors)
        return fields

    def position(self, data: dict):
        if data.get("x") in (None, "") or data.get("y") in (None, ""):
            return None
        x, y = _coordinate(data.get("x")), _coordinate(data.get("y"))
        if x is None or y is None:
            raise ApiError({"__all__": [_("De plek op de kaart klopt niet.")]})
        return x, y


class ElementCreateView(ElementWriteMixin, View):
    def post(self, request, *args, **kwargs):
        data = self.payload()
        fields = self.element_fields(data, partial=False)
        position = self.position(data)
        try:
            with transaction.atomic():
                element = services.element_create(trajectory=self.trajectory, **fields)
                if position:
                    services.positions_save(
                        services.default_map(self.trajectory), {element.pk: position}
                    )
        except ValidationError as error:
            raise ApiError(_validation_errors(error)) from None
        body = {"element": element_data(element, [d.pk for d in fields["domains"]])}
        if position:
            body["position"] = list(position)
        return JsonResponse(body, status=201)


class ElementUpdateView(ElementWriteMixin, View):
    def post(self, request, *args, **kwargs):
        element = self.element(kwargs["pk"])
        fields = self.element_fields(self.payload(), partial=True)
        try:
            with transaction.atomic():
                services.element_update(element, **fields)
        except ValidationError as error:
            raise ApiError(_validation_errors(error)) from None
        return JsonResponse({"element": element_data(element)})


class ElementDeleteView(MapApiMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        element = self.element(kwargs["pk"])
        gone = list(
            Connection.objects.filter(Q(source=element) | Q(target=element)).values_list(
                "pk", flat=True
            )
        )
        pk = element.pk
        services.element_delete(element)
        return JsonResponse({"deleted": pk, "deleted_connections": sorted(gone)})


class ConnectionWriteMixin(MapApiMixin):
    http_method_names = ["post"]

    def connection_fields(self, data: dict, partial: bool, current=None) -> dict:
        errors: dict[str, list[str]] = {}
        fields: dict = {}
        for name, max_length in CONNECTION_TEXT_FIELDS.items():
            if partial and name not in data:
                continue
            fields[name] = _text(data, name, max_length, errors)
        defaults = {
            "kind": ConnectionKind.WORKS_WITH,
            "direction": Direction.DIRECTED,
            "status": Status.ACTIVE,
        }
        for name, choices in (
            ("kind", ConnectionKind),
            ("direction", Direction),
            ("status", Status),
        ):
            if partial and name not in data:
                continue
            if not partial and data.get(name) in (None, ""):
                fields[name] = defaults[name]
            else:
                fields[name] = _choice(data, name, choices, errors)
        if not partial or "role" in data:
            fields["role"] = _choice(data, "role", MemberRole, errors, blank=True)
        if not partial or "strength" in data:
            raw = data.get("strength")
            if raw in (None, "") and not partial:
                fields["strength"] = 2
            else:
                try:
                    fields["strength"] = int(raw)
                except (TypeError, ValueError):
                    fields["strength"] = 0
                if fields["strength"] not in (1, 2, 3):
                    errors.setdefault("strength", []).append(_("Kies een sterkte van 1 tot 3."))
        if not partial or "tags" in data:
            fields["tags"] = _tags(data, errors)
        kind = fields.get("kind", current.kind if current else None)
        custom_kind = fields.get("custom_kind", current.custom_kind if current else "")
        if kind == ConnectionKind.CUSTOM and not custom_kind:
            errors.setdefault("custom_kind", []).append(_("Geef de eigen soort een naam."))
        if errors:
            raise ApiError(errors)
        return fields


class ConnectionCreateView(ConnectionWriteMixin, View):
    def post(self, request, *args, **kwargs):
        data = self.payload()
        ends = {}
        errors: dict[str, list[str]] = {}
        for name in ("source", "target"):
            try:
                ends[name] = Element.objects.get(trajectory=self.trajectory, pk=int(data.get(name)))
            except (Element.DoesNotExist, TypeError, ValueError):
                errors[name] = [_("Kies een element uit dit netwerk.")]
        if not errors and ends["source"].pk == ends["target"].pk:
            errors["target"] = [_("Een element kan niet met zichzelf verbonden worden.")]
        try:
            fields = self.connection_fields(data, partial=False)
        except ApiError as error:
            errors.update(error.errors)
        if errors:
            raise ApiError(errors)
        try:
            with transaction.atomic():
                connection = services.connection_create(
                    trajectory=self.trajectory,
                    source=ends["source"],
                    target=ends["target"],
                    **fields,
                )
        except (ValidationError, IntegrityError) as error:
            messages = (
                _validation_errors(error)
                if isinstance(error, ValidationError)
                else {"__all__": [_("Deze verbinding kan niet worden opgeslagen.")]}
            )
            raise ApiError(messages) from None
        return JsonResponse({"connection": connection_data(connection)}, status=201)


class ConnectionUpdateView(ConnectionWriteMixin, View):
    def post(self, request, *args, **kwargs):
        connection = self.connection(kwargs["pk"])
        fields = self.connection_fields(self.payload(), partial=True, current=connection)
        try:
            with transaction.atomic():
                services.connection_update(connection, **fields)
        except ValidationError as error:
            raise ApiError(_validation_errors(error)) from None
        return JsonResponse({"connection": connection_data(connection)})


class ConnectionDeleteView(MapApiMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        connection = self.connection(kwargs["pk"])
        pk = connection.pk
        services.connection_delete(connection)
        return JsonResponse({"deleted": pk})


class PositionsSaveView(MapApiMixin, View):
    """``{"positions": {"<element id>": [x, y], ...}}``; ids of other networks are ignored."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        data = self.payload()
        raw = data.get("positions")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                raw = None
        if not isinstance(raw, dict):
            raise ApiError({"positions": [_("Geef de plekken op de kaart mee.")]})
        positions = {}
        for key, value in raw.items():
            try:
                pk = int(key)
            except (TypeError, ValueError):
                continue
            if isinstance(value, dict):
                value = [value.get("x"), value.get("y")]
            if not isinstance(value, list | tuple) or len(value) != 2:
                continue
            x, y = _coordinate(value[0]), _coordinate(value[1])
            if x is not None and y is not None:
                positions[pk] = (x, y)
        chosen = request.GET.get("kaart")
        if chosen:
            network_map = NetworkMap.objects.filter(
                trajectory=self.trajectory, pk=int(chosen) if chosen.isdigit() else None
            ).first()
            if network_map is None:
                raise ApiError({"kaart": [_("Deze kaart bestaat niet meer.")]}, status=404)
        else:
            network_map = services.default_map(self.trajectory)
        saved = services.positions_save(network_map, positions)
        return JsonResponse({"saved": saved})


class MapDataView(MapApiMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        # Without a choice, network_data reads the first map in the same query as its places.
        chosen = request.GET.get("kaart")
        network_map = services.map_chosen(self.trajectory, chosen) if chosen else None
        data = network_data(self.trajectory, network_map)
        data["can_edit"] = self.membership.can_edit
        return JsonResponse(data, json_dumps_params={"separators": (",", ":")})
