"""Pages: a person's data (download, erase) for the facilitator, one's own data for everyone,
and the audit log of a trajectory."""

import json
import re
from datetime import datetime

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from weefwerk.personaldata import audit, selectors, services
from weefwerk.personaldata.forms import AuditFilterForm, EraseForm
from weefwerk.trajectories.access import TrajectoryMixin

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
FORMATS = ("json", "html")


# ------------------------------------------------------------------------------------------
# Turning the download into something to read


def as_text(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if isinstance(value, dict):
        if "name" in value and "id" in value:
            return str(value["name"])
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, str) and ISO_DATETIME.match(value):
        try:
            return formats.date_format(datetime.fromisoformat(value), "DATETIME_FORMAT")
        except ValueError:
            return value
    return str(value)


def readable_row(labels: dict, row: dict) -> list[tuple[str, str]]:
    # For fields that have no Dutch name of their own (Django then uses the field's name).
    extra = {
        "role_labels": _("rollen"),
        "organisation_domains": _("domeinen van de organisatie"),
        "trajectory": _("traject"),
        "meeting": _("bijeenkomst"),
        "person": _("persoon"),
        "user": _("account"),
        "created_at": _("aangemaakt op"),
        "updated_at": _("gewijzigd op"),
        "sent_at": _("verstuurd op"),
    }
    items = []
    for name, value in row.items():
        if name == "id" or name.endswith("_label"):
            continue
        shown = row.get(f"{name}_label", value)
        label = labels.get(name)
        if not label or label == name.replace("_", " "):
            label = extra.get(name) or label or name
        items.append((str(label), as_text(shown)))
    return items


def readable_sections(sections: list[dict]) -> list[dict]:
    return [
        {
            "title": s["title"],
            "count": len(s["rows"]),
            "rows": [readable_row(s["fields"], row) for row in s["rows"]],
        }
        for s in sections
    ]


def readable(data: dict) -> dict:
    """The download as headings and label/value pairs, for the page and the HTML file."""
    return {
        "created_at": as_text(data["created_at"]),
        "account": (
            [(k, as_text(v)) for k, v in account_labels(data["account"]).items()]
            if data.get("account")
            else None
        ),
        "memberships": data.get("memberships"),
        "people": [
            {
                "trajectory": part["trajectory"],
                "person": readable_row(part["person_fields"], part["person"]),
                "sections": [s for s in readable_sections(part["sections"]) if s["count"]],
                "empty": [s["title"] for s in part["sections"] if not s["rows"]],
            }
            for part in data["people"]
        ],
        "account_sections": [
            s for s in readable_sections(data.get("account_sections", [])) if s["count"]
        ],
        "documentation": data["documentation"],
    }


def account_labels(account: dict) -> dict:
    labels = {
        "email": _("e-mailadres"),
        "full_name": _("naam"),
        "date_joined": _("account aangemaakt op"),
        "last_login": _("laatst ingelogd"),
        "is_active": _("actief"),
        "two_factor": _("tweestapsverificatie aan"),
    }
    return {str(labels[k]): v for k, v in account.items() if k in labels}


def download_response(data: dict, fmt: str, filename: str, *, request) -> HttpResponse:
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = render_to_string(
            "personaldata/export_file.html", {"data": readable(data)}, request=request
        )
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


# ------------------------------------------------------------------------------------------
# The facilitator's pages under a trajectory


class FacilitatorOnlyMixin(TrajectoryMixin):
    """Facilitator only; a refused member is written to the audit log."""

    facilitator_only = True

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            audit.record(
                action=self.audit_action,
                trajectory=kwargs["trajectory_id"],
                user=request.user,
                object_type=self.audit_object_type,
                object_id=kwargs.get("pk"),
                description=_("geen toegang"),
                result=audit.DENIED,
            )
            raise

    audit_action = audit.VIEWED
    audit_object_type = "people.person"


class PersonMixin(FacilitatorOnlyMixin):
    def get_person(self):
        if not hasattr(self, "_person"):
            self._person = get_object_or_404(
                self.trajectory.people.select_related("organisation", "user"),
                pk=self.kwargs["pk"],
            )
        return self._person


class PersonDataView(PersonMixin, TemplateView):
    template_name = "personaldata/person.html"

    def get_context_data(self, **kwargs):
        person = self.get_person()
        audit.record(
            action=audit.VIEWED, trajectory=self.trajectory, user=self.request.user, obj=person
        )
        data = selectors.person_data(person)
        return super().get_context_data(person=person, data=readable(data), **kwargs)


class PersonDataDownloadView(PersonMixin, View):
    audit_action = audit.EXPORTED

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in FORMATS:
            raise Http404
        person = self.get_person()
        data = selectors.person_data(person)
        audit.record(
            action=audit.EXPORTED,
            trajectory=self.trajectory,
            user=request.user,
            obj=person,
            description=_("persoonsgegevens (%(format)s)") % {"format": fmt},
        )
        filename = f"persoonsgegevens-traject-{self.trajectory.pk}-persoon-{person.pk}"
        return download_response(data, fmt, filename, request=request)


class PersonEraseView(PersonMixin, FormView):
    write = True
    audit_action = audit.ERASED
    template_name = "personaldata/erase.html"
    form_class = EraseForm

    def get_context_data(self, **kwargs):
        person = self.get_person()
        linked_account = person.user if person.user_id else None
        return super().get_context_data(person=person, linked_account=linked_account, **kwargs)

    def form_valid(self, form):
        person = self.get_person()
        try:
            services.erase_person(person, keep_notes=form.keep_notes, user=self.request.user)
        except services.ErasureError as error:
            audit.record(
                action=audit.ERASED,
                trajectory=self.trajectory,
                user=self.request.user,
                obj=person,
                result=audit.FAILED,
                description=_("niet gewist"),
            )
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De gegevens van de persoon zijn gewist. In het logboek staat dat het is gedaan."),
        )
        return redirect("people:people", self.trajectory.pk)


class AuditLogView(FacilitatorOnlyMixin, TemplateView):
    template_name = "personaldata/audit_log.html"
    audit_object_type = "personaldata.auditentry"
    per_page = 50

    def object_types(self):
        present = (
            selectors.audit_entries(self.trajectory)
            .exclude(object_type="")
            .values_list("object_type", flat=True)
            .distinct()
        )
        choices = []
        for label in sorted(set(present)):
            try:
                name = apps.get_model(label)._meta.verbose_name
            except (LookupError, ValueError):
                name = label
            choices.append((label, str(name)))
        return choices

    def get_context_data(self, **kwargs):
        form = AuditFilterForm(self.request.GET or None, object_types=self.object_types())
        filters = form.cleaned_data if form.is_valid() else {}
        filters = {k: v for k, v in filters.items() if v}
        entries = selectors.audit_entries(self.trajectory, **filters)
        page = Paginator(entries, self.per_page).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter_form=form,
            filtered=bool(filters),
            page=page,
            query=query.urlencode(),
            **kwargs,
        )


# ------------------------------------------------------------------------------------------
# Everyone's own data, across trajectories


class MyDataView(LoginRequiredMixin, TemplateView):
    template_name = "personaldata/mine.html"

    def get_context_data(self, **kwargs):
        data = selectors.account_data(self.request.user)
        return super().get_context_data(data=readable(data), **kwargs)


class MyDataDownloadView(LoginRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in FORMATS:
            raise Http404
        data = selectors.account_data(request.user)
        for part in data["people"]:
            audit.record(
                action=audit.DOWNLOADED,
                trajectory=part["trajectory"]["id"],
                user=request.user,
                object_type="people.person",
                object_id=part["person"]["id"],
                description=_("eigen gegevens (%(format)s)") % {"format": fmt},
            )
        audit.record(
            action=audit.DOWNLOADED,
            user=request.user,
            obj=request.user,
            description=_("eigen gegevens (%(format)s)") % {"format": fmt},
        )
        return download_response(data, fmt, "mijn-gegevens-weefwerk", request=request)
