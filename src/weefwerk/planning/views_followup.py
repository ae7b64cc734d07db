"""Homework and feedback after a session.

Under a trajectory (editors only): create, edit and delete homework, the personal links and the
answers, the feedback results with a QR code. Without an account: answering homework through a
signed personal link, and the feedback form through the session's secret link.

Decision: managers (read-only) see the homework itself on the session page, but neither the
answers nor the personal links nor the feedback results (403): the answers are written for the
project team, and the links would let anyone answer in someone else's name.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from weefwerk.planning import followup_selectors as selectors
from weefwerk.planning import followup_services as services
from weefwerk.planning.forms_followup import FeedbackForm, HomeworkAnswerForm, HomeworkForm
from weefwerk.planning.models import Homework
from weefwerk.planning.views import MeetingMixin
from weefwerk.trajectories.generic import ScopedFormView
from weefwerk.trajectories.models import Meeting

FEEDBACK_COOKIE_SALT = "weefwerk.planning.feedback-given"
FEEDBACK_COOKIE_AGE = 60 * 60 * 24 * 365


# --------------------------------------------------------------------------------------------
# For the project team, under /trajecten/<id>/bijeenkomsten/<meeting_id>/


class HomeworkMixin(MeetingMixin):
    def get_homework(self) -> Homework:
        return get_object_or_404(self.meeting.homework, pk=self.kwargs["pk"])

    def homework_url(self, homework):
        return reverse("planning:homework", args=[self.trajectory.pk, self.meeting.pk, homework.pk])


class HomeworkFormView(HomeworkMixin, ScopedFormView):
    form_class = HomeworkForm
    model = Homework

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return self.homework_url(self.object)
        return f"{self.meeting_url()}#huiswerk-kop"

    def save(self, instance, form):
        if instance.pk:
            return services.homework_update(instance, **form.cleaned_data)
        return services.homework_create(meeting=self.meeting, **form.cleaned_data)

    def new_instance(self):
        return Homework(meeting=self.meeting)


class HomeworkCreateView(HomeworkFormView):
    title = gettext_lazy("Huiswerk toevoegen")


class HomeworkUpdateView(HomeworkFormView):
    title = gettext_lazy("Huiswerk bewerken")

    def get_form_kwargs(self):
        self.object = self.get_homework()
        return super().get_form_kwargs()


class HomeworkDeleteView(HomeworkMixin, TemplateView):
    write = True
    template_name = "trajectories/object_confirm_delete.html"

    def get_context_data(self, **kwargs):
        homework = self.get_homework()
        return super().get_context_data(
            object=homework,
            consequence=_("De antwoorden van de deelnemers worden ook verwijderd."),
            cancel_url=self.homework_url(homework),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        homework = self.get_homework()
        services.homework_delete(homework)
        messages.success(request, _("„%(name)s” is verwijderd.") % {"name": homework})
        return redirect(f"{self.meeting_url()}#huiswerk-kop")


class HomeworkDetailView(HomeworkMixin, TemplateView):
    """The homework with a personal link per person and all answers. Editors only."""

    write = True
    template_name = "planning/homework_detail.html"

    def get_context_data(self, **kwargs):
        homework = self.get_homework()
        links = selectors.homework_links(homework, self.request.build_absolute_uri)
        return super().get_context_data(
            homework=homework,
            links=links,
            answers=[link for link in links if link.answer],
            **kwargs,
        )


class FeedbackResultsView(MeetingMixin, TemplateView):
    """Number of responses, averages and distributions, comments, and the link with a QR code."""

    write = True
    template_name = "planning/feedback_results.html"

    def get_context_data(self, **kwargs):
        url = selectors.feedback_url(self.meeting, self.request.build_absolute_uri)
        return super().get_context_data(
            summary=selectors.feedback_summary(self.meeting),
            feedback_url=url,
            qr_svg=selectors.qr_svg(url, scale=5),
            **kwargs,
        )


class FeedbackScreenView(MeetingMixin, TemplateView):
    """Only the QR code and the link, large, for the projector."""

    write = True
    template_name = "planning/feedback_screen.html"

    def get_context_data(self, **kwargs):
        url = selectors.feedback_url(self.meeting, self.request.build_absolute_uri)
        return super().get_context_data(
            feedback_url=url, qr_svg=selectors.qr_svg(url, scale=10), **kwargs
        )


# --------------------------------------------------------------------------------------------
# Without an account


@method_decorator(never_cache, name="dispatch")
class HomeworkAnswerView(View):
    """A participant reads the homework and answers it through their personal link."""

    template_name = "planning/homework_answer.html"

    def dispatch(self, request, *args, **kwargs):
        found = selectors.homework_for_token(kwargs["token"])
        if found is None:
            return render(request, "planning/homework_not_found.html", status=404)
        self.homework, self.person = found
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        answer = selectors.homework_answer_for(self.homework, self.person)
        form = HomeworkAnswerForm(initial={"text": answer.text if answer else ""})
        return self.show(form, answer)

    def post(self, request, *args, **kwargs):
        form = HomeworkAnswerForm(request.POST)
        if not form.is_valid():
            answer = selectors.homework_answer_for(self.homework, self.person)
            return self.show(form, answer, status=400)
        services.homework_answer_save(
            homework=self.homework, person=self.person, text=form.cleaned_data["text"]
        )
        messages.success(
            request,
            _("Je antwoord is opgeslagen. Met dezelfde link kun je het later nog aanpassen."),
        )
        return redirect(request.path)

    def show(self, form, answer, status=200):
        context = {
            "homework": self.homework,
            "meeting": self.homework.meeting,
            "person": self.person,
            "answer": answer,
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)


def _cookie_name(meeting: Meeting) -> str:
    return f"weefwerk_feedback_{meeting.pk}"


@method_decorator(never_cache, name="dispatch")
class FeedbackView(View):
    """The short feedback form after a session, one response per browser (by a signed cookie)."""

    template_name = "planning/feedback_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.meeting = selectors.meeting_for_feedback_token(kwargs["token"])
        if self.meeting is None:
            return render(request, "planning/feedback_not_found.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def already_given(self) -> bool:
        value = self.request.get_signed_cookie(
            _cookie_name(self.meeting), default=None, salt=FEEDBACK_COOKIE_SALT
        )
        return value == str(self.meeting.pk)

    def get(self, request, *args, **kwargs):
        if self.already_given():
            return self.thanks(already=True)
        if self.meeting.status == Meeting.Status.CANCELLED:
            return self.closed(status=200)
        return self.show(FeedbackForm())

    def post(self, request, *args, **kwargs):
        if self.already_given():
            return self.thanks(already=True, status=409)
        if self.meeting.status == Meeting.Status.CANCELLED:
            return self.closed(status=409)
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        try:
            services.feedback_submit(meeting=self.meeting, **form.cleaned_data)
        except services.FeedbackRefused as refused:
            return self.show(form, status=refused.status, refusal=str(refused))
        response = redirect("planning_public:feedback_thanks", token=self.meeting.feedback_token)
        response.set_signed_cookie(
            _cookie_name(self.meeting),
            str(self.meeting.pk),
            salt=FEEDBACK_COOKIE_SALT,
            max_age=FEEDBACK_COOKIE_AGE,
            path=reverse("planning_public:feedback", args=[self.meeting.feedback_token]),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def show(self, form, status=200, refusal=""):
        context = {"meeting": self.meeting, "form": form, "refusal": refusal}
        return render(self.request, self.template_name, context, status=status)

    def closed(self, status):
        context = {"meeting": self.meeting, "closed": True}
        return render(self.request, self.template_name, context, status=status)

    def thanks(self, already=False, status=200):
        context = {"meeting": self.meeting, "already": already}
        return render(self.request, "planning/feedback_thanks.html", context, status=status)


@method_decorator(never_cache, name="dispatch")
class FeedbackThanksView(FeedbackView):
    def get(self, request, *args, **kwargs):
        return self.thanks()

    def post(self, request, *args, **kwargs):
        return redirect("planning_public:feedback", token=self.meeting.feedback_token)
