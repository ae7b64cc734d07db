"""Reports under /trajecten/<id>/verslagen/: the session reports, the trajectory summary and
the managers' updates.

The project team (``can_edit``) writes the introduction and conclusions, previews, publishes,
withdraws and downloads. Participants and managers see a report only once it is published;
anything else is a 404 to them. Managers also get their own update through a signed link
that needs no account (``ManagerLinkView``).
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from weefwerk.planning.views import MeetingMixin
from weefwerk.reports import links, selectors, services, updates
from weefwerk.reports import render as renderers
from weefwerk.reports.forms import ReportForm
from weefwerk.reports.models import Report
from weefwerk.trajectories.access import TrajectoryMixin


class ReportListView(TrajectoryMixin, TemplateView):
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs):
        can_edit = self.membership.can_edit
        summary = selectors.summary_report_for(self.trajectory)
        return super().get_context_data(
            meetings=selectors.meetings_with_reports(self.trajectory, published_only=not can_edit),
            summary=summary,
            show_summary=can_edit or (summary is not None and summary.is_published),
            **kwargs,
        )


# --------------------------------------------------------------------------------------------
# One report page (session or summary): read, edit, publish, withdraw, download


class ReportMixin:
    """Which report, how to make its row and build it come from ``SessionMixin`` or
    ``SummaryMixin`` (``find_report``, ``make_report``, ``build``, ``page_url``), placed after
    this class in the bases."""

    template_name = "reports/report_detail.html"

    @cached_property
    def report(self) -> Report | None:
        report = self.find_report()
        if not self.membership.can_edit and not (report and report.is_published):
            raise Http404
        return report

    def document(self):
        return self.build(self.report)


class ReportPageMixin(ReportMixin):
    def get_context_data(self, form=None, **kwargs):
        can_edit = self.membership.can_edit
        if form is None and can_edit:
            form = ReportForm(instance=self.report or Report())
        return super().get_context_data(
            report=self.report,
            doc=self.document(),
            form=form,
            page_url=self.page_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ReportForm(request.POST, instance=self.report or Report())
        if not form.is_valid():
            messages.error(
                request, _("Het verslag is niet opgeslagen. Bekijk de fouten hieronder.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=400)
        report = self.report or self.make_report()
        services.report_save(report, **form.cleaned_data)
        messages.success(request, _("De tekst is opgeslagen."))
        return redirect(self.page_url() + "#voorbeeld")


class PublishMixin(ReportMixin):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.report or self.make_report()
        if self.publish:
            services.report_publish(report, user=request.user)
            messages.success(
                request,
                _("Het verslag is gepubliceerd. Deelnemers en leidinggevenden zien het nu."),
            )
        else:
            services.report_withdraw(report)
            messages.success(
                request, _("Het verslag is weer een concept. Alleen het projectteam ziet het nu.")
            )
        return redirect(self.page_url())


class DownloadMixin(ReportMixin):
    def get(self, request, *args, **kwargs):
        doc = self.document()
        if self.format == "pdf":
            return renderers.pdf_response(doc)
        return renderers.docx_response(doc)


class SessionMixin(MeetingMixin):
    def find_report(self):
        return selectors.report_for(self.meeting)

    def make_report(self):
        return services.session_report(self.meeting)

    def build(self, report):
        return selectors.session_document(self.meeting, report)

    def page_url(self):
        return reverse("reports:session", args=[self.trajectory.pk, self.meeting.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pdf_url=reverse("reports:session_pdf", args=[self.trajectory.pk, self.meeting.pk]),
            docx_url=reverse("reports:session_docx", args=[self.trajectory.pk, self.meeting.pk]),
            publish_url=reverse(
                "reports:session_publish", args=[self.trajectory.pk, self.meeting.pk]
            ),
            withdraw_url=reverse(
                "reports:session_withdraw", args=[self.trajectory.pk, self.meeting.pk]
            ),
            **kwargs,
        )


class SummaryMixin(TrajectoryMixin):
    def find_report(self):
        return selectors.summary_report_for(self.trajectory)

    def make_report(self):
        return services.summary_report(self.trajectory)

    def build(self, report):
        return selectors.summary_document(self.trajectory, report)

    def page_url(self):
        return reverse("reports:summary", args=[self.trajectory.pk])

    def get_context_data(self, **kwargs):
        pk = self.trajectory.pk
        return super().get_context_data(
            is_summary=True,
            pdf_url=reverse("reports:summary_pdf", args=[pk]),
            docx_url=reverse("reports:summary_docx", args=[pk]),
            publish_url=reverse("reports:summary_publish", args=[pk]),
            withdraw_url=reverse("reports:summary_withdraw", args=[pk]),
            **kwargs,
        )


class SessionReportView(ReportPageMixin, SessionMixin, TemplateView):
    pass


class SessionPublishView(PublishMixin, SessionMixin, View):
    publish = True


class SessionWithdrawView(PublishMixin, SessionMixin, View):
    publish = False


class SessionPdfView(DownloadMixin, SessionMixin, View):
    format = "pdf"


class SessionDocxView(DownloadMixin, SessionMixin, View):
    format = "docx"


class SummaryView(ReportPageMixin, SummaryMixin, TemplateView):
    pass


class SummaryPublishView(PublishMixin, SummaryMixin, View):
    publish = True


class SummaryWithdrawView(PublishMixin, SummaryMixin, View):
    publish = False


class SummaryPdfView(DownloadMixin, SummaryMixin, View):
    format = "pdf"


class SummaryDocxView(DownloadMixin, SummaryMixin, View):
    format = "docx"


class PhotoView(SessionMixin, ReportMixin, View):
    """A flip-over photo of a session, for whoever may read its report."""

    def get(self, request, *args, **kwargs):
        from weefwerk.workshop.models import Photo

        self.report  # noqa: B018 - raises 404 for readers of an unpublished report
        photo = get_object_or_404(
            Photo, assignment__meeting=self.meeting, pk=self.kwargs["photo_id"]
        )
        try:
            handle = photo.image.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=photo.content_type)
        response["Cache-Control"] = "private, max-age=3600"
        return response


# --------------------------------------------------------------------------------------------
# Managers' updates


class ManagerListView(TrajectoryMixin, TemplateView):
    write = True
    template_name = "reports/manager_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(managers=selectors.managers(self.trajectory), **kwargs)


class ManagerMixin(TrajectoryMixin):
    write = True

    @cached_property
    def person(self):
        return get_object_or_404(
            self.trajectory.people.select_related("organisation", "trajectory"),
            pk=self.kwargs["pk"],
            is_manager=True,
        )


class ManagerPreviewView(ManagerMixin, TemplateView):
    template_name = "reports/manager_preview.html"

    def get_context_data(self, **kwargs):
        person = self.person
        return super().get_context_data(
            person=person,
            doc=selectors.manager_document(person),
            history=person.manager_updates.all()[:10],
            link=self.request.build_absolute_uri(links.manager_path(person)),
            **kwargs,
        )


class ManagerDownloadView(ManagerMixin, View):
    def get(self, request, *args, **kwargs):
        doc = selectors.manager_document(self.person)
        if self.kwargs["format"] == "pdf":
            return renderers.pdf_response(doc)
        return renderers.docx_response(doc)


class ManagerSendView(ManagerMixin, View):
    http_method_names = ["post"]
    # POST only, and a POST always needs an editing role: a GET is refused with 405 for all.
    write = False

    def post(self, request, *args, **kwargs):
        person = self.person
        if not person.email:
            messages.error(
                request, _("Van %(name)s is geen e-mailadres bekend.") % {"name": person.name}
            )
            return redirect("reports:managers", self.trajectory.pk)
        site_url = request.build_absolute_uri("/").rstrip("/")
        sent = updates.send_now(person, user=request.user, site_url=site_url)
        if sent is None:
            messages.error(
                request, _("Het bericht kon niet worden verstuurd. Probeer het later opnieuw.")
            )
        else:
            messages.success(
                request,
                _("Het bericht is verstuurd naar %(email)s.") % {"email": person.email},
            )
        return redirect("reports:managers", self.trajectory.pk)


@method_decorator(never_cache, name="dispatch")
class ManagerLinkView(View):
    """The manager's update through their personal link: no account needed."""

    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        self.person = links.manager_for_token(kwargs["token"])
        if self.person is None:
            return render(request, "reports/manager_link_not_found.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        doc = selectors.manager_document(self.person)
        fmt = kwargs.get("format")
        if fmt == "pdf":
            return renderers.pdf_response(doc)
        if fmt == "docx":
            return renderers.docx_response(doc)
        token = kwargs["token"]
        return render(
            request,
            "reports/manager_link.html",
            {
                "person": self.person,
                "trajectory": self.person.trajectory,
                "doc": doc,
                "pdf_url": reverse("reports_public:manager_link_pdf", args=[token]),
                "docx_url": reverse("reports_public:manager_link_docx", args=[token]),
            },
        )
