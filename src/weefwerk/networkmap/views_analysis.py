"""The analysis of the network: figures, webbers, weak spots, what is missing, a departure on
request, change between two moments, and the same figures as CSV and as JSON for the map.

Everybody in the trajectory reads; only the facilitator and the project team confirm webbers.
"""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from weefwerk.networkmap import analysis
from weefwerk.networkmap.models import Element, Status
from weefwerk.networkmap.views import _compare_pair
from weefwerk.trajectories.access import TrajectoryMixin


def table_headers(request, table: dict) -> list[dict]:
    """Per column of a figure table, in order: the URL that sorts by it and its aria-sort."""
    headers = []
    name = table["name"]
    for column in table["columns"]:
        query = request.GET.copy()
        current = column.key == table["sort"]
        descending = not table["descending"] if current else column.numeric
        query["sort"] = f"{'-' if descending else ''}{name}.{column.key}"
        aria = ""
        if current:
            aria = "descending" if table["descending"] else "ascending"
        headers.append(
            {"url": f"?{query.urlencode()}#tabel-{name}", "aria": aria, "label": column.label}
        )
    return headers


def table_sort(request, name: str) -> str:
    """``?sort=[-]table.column`` sorts one table; the others keep their default order."""
    value = request.GET.get("sort", "")
    descending = value.startswith("-")
    table, _sep, column = value.lstrip("-").partition(".")
    if table != name or not column:
        return ""
    return f"{'-' if descending else ''}{column}"


def _missing_parties(trajectory) -> list:
    try:
        from weefwerk.cases.selectors import parties_needed_not_in_network
    except ImportError:  # the cases app is not part of this installation
        return []
    return parties_needed_not_in_network(trajectory)


def page_result(trajectory) -> dict:
    """The cached analysis plus what other apps add (parties needed in cases)."""
    result = analysis.trajectory_analysis(trajectory)
    return {
        **result,
        "missing_parties": analysis.missing_party_rows(_missing_parties(trajectory)),
    }


def page_tables(request, trajectory, result: dict, tables: dict, csv_query: str = "") -> dict:
    """Every table of ``tables``, sorted as ``?sort=`` asks, with headers and a CSV link."""
    url = reverse("networkmap:analysis_csv", args=[trajectory.pk])
    pages = {}
    for name in tables:
        sort = table_sort(request, name)
        table = analysis.table(result, name, sort, tables)
        table["headers"] = table_headers(request, table)
        query = f"tabel={name}"
        if sort:
            query += f"&sort={sort}"
        table["csv_url"] = f"{url}?{query}{csv_query}"
        pages[name] = table
    return pages


def _active_elements(trajectory):
    return Element.objects.filter(trajectory=trajectory, status=Status.ACTIVE).order_by(
        "label", "pk"
    )


class AnalysisView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/analysis.html"

    def get_context_data(self, **kwargs):
        result = page_result(self.trajectory)
        tables = page_tables(self.request, self.trajectory, result, analysis.TABLES)
        elements = {str(e.pk): e for e in _active_elements(self.trajectory)}
        confirmed = [e for e in elements.values() if e.confirmed_webber]
        ranked = {w["id"] for w in result["webbers"]["ranking"]}
        spots = result["weak_spots"]
        return super().get_context_data(
            result=result,
            figures=analysis.network_figures(result),
            tables=tables,
            webbers=tables["webbers"]["items"],
            confirmed_elsewhere=[e for e in confirmed if str(e.pk) not in ranked],
            spots=spots,
            one_way_more=spots["one_way_tie_count"] - len(spots["one_way_ties"]),
            missing=result["missing"],
            elements=list(elements.values()),
            **kwargs,
        )


class WebberConfirmView(TrajectoryMixin, View):
    """POST only: ``bevestigd=1`` confirms, ``0`` withdraws; without a value it toggles."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        element = get_object_or_404(Element, pk=kwargs["pk"], trajectory=self.trajectory)
        value = request.POST.get("bevestigd")
        confirmed = (value == "1") if value in ("0", "1") else not element.confirmed_webber
        analysis.webber_confirm(element, confirmed=confirmed)
        if confirmed:
            text = _("„%(name)s” is bevestigd als webber.")
        else:
            text = _("„%(name)s” is niet langer bevestigd als webber.")
        messages.success(request, text % {"name": element.label})
        return redirect(reverse("networkmap:analysis", args=[self.trajectory.pk]) + "#webbers")


class DepartureView(TrajectoryMixin, TemplateView):
    """What happens when one element leaves (``?element=PK``); without it only the choice."""

    template_name = "networkmap/analysis_departure.html"

    def get_context_data(self, **kwargs):
        elements = list(_active_elements(self.trajectory))
        value = self.request.GET.get("element", "")
        element, result = None, None
        if value:
            if not value.isdigit():
                raise Http404
            element = get_object_or_404(
                Element, pk=int(value), trajectory=self.trajectory, status=Status.ACTIVE
            )
            result = analysis.departure(self.trajectory, element)
        return super().get_context_data(
            elements=elements, element=element, departure=result, **kwargs
        )


class ChangeView(TrajectoryMixin, TemplateView):
    """Change between two snapshots (or a snapshot and now): ``?a=PK&b=PK|nu``."""

    template_name = "networkmap/analysis_change.html"

    def get_context_data(self, **kwargs):
        a_snapshot, a_data, b_snapshot, b_data = _compare_pair(self)
        context = {
            "snapshots": self.trajectory.network_snapshots.all(),
            "a": a_snapshot,
            "b": b_snapshot,
            "a_value": self.request.GET.get("a", str(a_snapshot.pk) if a_snapshot else "nu"),
            "b_value": self.request.GET.get("b", str(b_snapshot.pk) if b_snapshot else "nu"),
            "result": None,
        }
        if a_data is not None:
            result = analysis.change_result(a_data, b_data)
            pair = f"&a={context['a_value']}&b={context['b_value']}"
            context.update(
                result=result,
                tables=page_tables(
                    self.request, self.trajectory, result, analysis.CHANGE_TABLES, pair
                ),
                webbers_after=[result["labels"].get(i, i) for i in result["webbers"]["after"]],
            )
        return super().get_context_data(**context, **kwargs)


class AnalysisCsvView(TrajectoryMixin, View):
    """``?tabel=`` one of the figure tables, or ``netwerk`` for the network figures; the
    change tables (``verandering_...``) also take ``?a=`` and ``?b=`` like the change page."""

    def get(self, request, *args, **kwargs):
        name = request.GET.get("tabel", "elementen")
        tables = analysis.TABLES
        if name in analysis.CHANGE_TABLES:
            a_snapshot, a_data, b_snapshot, b_data = _compare_pair(self)
            if a_data is None:
                raise Http404
            result, tables = analysis.change_result(a_data, b_data), analysis.CHANGE_TABLES
        else:
            result = page_result(self.trajectory)
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        if name == "netwerk":
            writer.writerow([_("Cijfer"), _("Waarde")])
            for label, value in analysis.network_figures(result):
                writer.writerow([label, "" if value is None else value])
        elif name in tables:
            table = analysis.table(result, name, request.GET.get("sort", ""), tables)
            writer.writerow([str(c.label) for c in table["columns"]])
            for row in table["rows"]:
                writer.writerow(["" if value is None else value for value in row])
        else:
            raise Http404
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="analyse-{name}.csv"'
        return response


class AnalysisJsonView(TrajectoryMixin, View):
    """For the map: ``{"measures": [{"key", "label", "values": {pk: number}}], "webbers": [pk],
    "weak_spots": [pk]}``."""

    def get(self, request, *args, **kwargs):
        result = analysis.trajectory_analysis(self.trajectory)
        confirmed = [int(pk) for pk in analysis.confirmed_webbers(self.trajectory)]
        return JsonResponse(analysis.map_data(result, confirmed))
