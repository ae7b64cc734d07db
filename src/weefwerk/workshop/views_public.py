"""The participant's side: join with the code, then the phone page behind a signed link.

No account and no password. ``doe-mee/`` asks for the code, ``doe-mee/<code>/`` for your name
(or anonymous) and sends you to ``doe-mee/deelname/<signed link>/``. The link also goes into a
cookie for this session, so scanning the QR code again brings you back to your own page.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import View

from weefwerk.workshop import joining, selectors, services
from weefwerk.workshop.forms import ANONYMOUS, JoinCodeForm, JoinNameForm, NoteForm, PhotoForm
from weefwerk.workshop.models import Assignment
from weefwerk.workshop.photos import PhotoRefused


def _render(request, template, context=None, status=200):
    response = render(request, template, context or {}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def blocked(request):
    return _render(request, "workshop/join_blocked.html", status=429)


def phone_url(participant) -> str:
    return reverse("workshop_public:phone", args=[joining.make_token(participant)])


@method_decorator(never_cache, name="dispatch")
class JoinView(View):
    """Type the code from the screen in the room."""

    def get(self, request):
        return _render(request, "workshop/join.html", {"form": JoinCodeForm()})

    def post(self, request):
        ip = joining.client_ip(request)
        if joining.guesses_blocked(ip):
            return blocked(request)
        form = JoinCodeForm(request.POST)
        if form.is_valid():
            meeting = joining.meeting_for_code(form.cleaned_data["code"])
            if meeting is not None:
                return redirect("workshop_public:join_meeting", code=meeting.join_code)
            joining.guess_failed(ip)
            form.add_error(
                "code",
                _("Deze code kennen we niet. Kijk nog eens goed op het scherm in de zaal."),
            )
        return _render(request, "workshop/join.html", {"form": form}, status=400)


@method_decorator(never_cache, name="dispatch")
class JoinMeetingView(View):
    """Pick your name from the list, or join anonymously."""

    def dispatch(self, request, *args, **kwargs):
        ip = joining.client_ip(request)
        if joining.guesses_blocked(ip):
            return blocked(request)
        self.meeting = joining.meeting_for_code(kwargs["code"])
        if self.meeting is None:
            joining.guess_failed(ip)
            return _render(request, "workshop/join_not_found.html", status=404)
        if self.meeting.join_code != kwargs["code"]:
            return redirect("workshop_public:join_meeting", code=self.meeting.join_code)
        if not joining.is_open(self.meeting):
            return _render(request, "workshop/closed.html", {"meeting": self.meeting}, status=403)
        return super().dispatch(request, *args, **kwargs)

    def people(self):
        attending = self._attending()
        if attending is not None:
            return attending
        return list(self.meeting.trajectory.people.order_by("name", "pk"))

    def _attending(self):
        """The attendance list of the session when the grouping app keeps one."""
        from django.apps import apps

        if not apps.is_installed("weefwerk.grouping"):
            return None
        from weefwerk.grouping.models import Attendance

        rows = Attendance.objects.filter(meeting=self.meeting).exclude(
            status=Attendance.Status.ABSENT
        )
        people = [a.person for a in rows.select_related("person").order_by("person__name")]
        return people or None

    def cookie_name(self):
        return f"{joining.COOKIE_PREFIX}{self.meeting.pk}"

    def get(self, request, *args, **kwargs):
        existing = None
        token = request.COOKIES.get(self.cookie_name())
        if token:
            try:
                existing = joining.resolve(token)
            except joining.LinkInvalid:
                existing = None
        context = {
            "meeting": self.meeting,
            "form": JoinNameForm(people=self.people()),
            "existing": existing,
            "existing_url": reverse("workshop_public:phone", args=[token]) if existing else "",
        }
        return _render(request, "workshop/join_meeting.html", context)

    def post(self, request, *args, **kwargs):
        form = JoinNameForm(request.POST, people=self.people())
        if not form.is_valid():
            context = {"meeting": self.meeting, "form": form}
            return _render(request, "workshop/join_meeting.html", context, status=400)
        person = form.person() if form.cleaned_data["who"] != ANONYMOUS else None
        participant = services.participant_join(meeting=self.meeting, person=person)
        token = joining.make_token(participant)
        response = redirect("workshop_public:phone", token=token)
        response.set_cookie(
            self.cookie_name(),
            token,
            max_age=joining.max_age(),
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
            path=reverse("workshop_public:join_meeting", args=[self.meeting.join_code]),
        )
        return response


class ParticipantMixin:
    """Resolves ``self.participant`` from the signed link; a friendly page when it is not."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.participant = joining.resolve(kwargs["token"])
        except joining.LinkInvalid as invalid:
            status = 410 if invalid.reason == "expired" else 403
            return _render(
                request, "workshop/link_invalid.html", {"reason": invalid.reason}, status=status
            )
        self.meeting = self.participant.meeting
        if not joining.is_open(self.meeting):
            return _render(request, "workshop/closed.html", {"meeting": self.meeting}, status=403)
        self.token = kwargs["token"]
        return super().dispatch(request, *args, **kwargs)

    def phone_url(self, anchor=""):
        url = reverse("workshop_public:phone", args=[self.token])
        return f"{url}#{anchor}" if anchor else url

    def wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("Accept", "")

    def get_assignment(self, assignment_id) -> Assignment | None:
        try:
            return Assignment.objects.select_related("agenda_item").get(
                meeting=self.meeting, pk=int(assignment_id)
            )
        except (Assignment.DoesNotExist, TypeError, ValueError):
            return None

    def note_form(self, assignment, entry=None, data=None, **kwargs):
        groups = entry["groups"] if entry else ()
        my_group = entry["my_group"] if entry else None
        return NoteForm(data, assignment=assignment, groups=groups, my_group=my_group, **kwargs)

    def page(self, forms=None, status=200, error=""):
        entries = selectors.phone_assignments(self.participant)
        forms = forms or {}
        for entry in entries:
            assignment = entry["assignment"]
            entry["form"] = forms.get(assignment.pk) or self.note_form(assignment, entry)
            entry["photo_form"] = PhotoForm(prefix=f"foto-{assignment.pk}")
        context = {
            "participant": self.participant,
            "meeting": self.meeting,
            "entries": entries,
            "token": self.token,
            "error": error,
            "phone_config": {
                "ws": f"/ws/doe-mee/{self.token}/",
                "state": reverse("workshop_public:phone_state", args=[self.token]),
                "assignments": [e["assignment"].pk for e in entries],
            },
        }
        return _render(self.request, "workshop/phone.html", context, status=status)


@method_decorator(never_cache, name="dispatch")
class PhoneView(ParticipantMixin, View):
    def get(self, request, *args, **kwargs):
        return self.page()


@method_decorator(never_cache, name="dispatch")
class PhoneStateView(ParticipantMixin, View):
    """For phones without a WebSocket: the open assignments and their note counts."""

    def get(self, request, *args, **kwargs):
        open_ = selectors.open_assignments(self.meeting)
        data = {
            "assignments": [
                {"id": a.pk, "count": selectors.live_note_count(a), "voting": a.voting}
                for a in open_
            ]
        }
        return JsonResponse(data, headers={"Cache-Control": "no-store"})


class PhoneNoteAddView(ParticipantMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment(request.POST.get("opdracht"))
        if assignment is None:
            return self.refuse(_("Deze opdracht is er niet meer."))
        if not assignment.is_open:
            return self.refuse(_("Deze opdracht is gesloten. Je kunt niets meer toevoegen."))
        entry = None
        if assignment.mode == Assignment.Mode.GROUPS:
            groups = selectors.item_groups(assignment.agenda_item)
            entry = {
                "groups": sorted(groups),
                "my_group": selectors.group_of(groups, self.participant.person_id),
            }
        form = self.note_form(assignment, entry, data=request.POST)
        if not form.is_valid():
            if self.wants_json():
                return JsonResponse({"errors": form.errors}, status=400)
            return self.page(forms={assignment.pk: form}, status=400)
        try:
            note = services.note_add(
                assignment=assignment,
                participant=self.participant,
                text=form.cleaned_data["text"],
                category=form.cleaned_data.get("category", ""),
                group=form.cleaned_data.get("group"),
            )
        except services.WorkshopRefused as refused:
            form.add_error(None, str(refused))
            if self.wants_json():
                return JsonResponse({"errors": {"__all__": [str(refused)]}}, status=409)
            return self.page(forms={assignment.pk: form}, status=409)
        if self.wants_json():
            return JsonResponse({"id": note.pk}, status=201)
        return redirect(self.phone_url(f"mijn-{assignment.pk}"))

    def refuse(self, message):
        if self.wants_json():
            return JsonResponse({"errors": {"__all__": [message]}}, status=409)
        return self.page(status=409, error=message)


@method_decorator(never_cache, name="dispatch")
class PhoneNoteEditView(ParticipantMixin, View):
    """Change your own note while the assignment is open."""

    def own(self):
        note = (
            self.participant.notes.select_related("assignment", "assignment__agenda_item")
            .filter(pk=self.kwargs["note_id"])
            .first()
        )
        if note is None or note.assignment.meeting_id != self.meeting.pk:
            return None
        return note

    def get(self, request, *args, **kwargs):
        note = self.own()
        if note is None or not note.assignment.is_open:
            return self.page(status=404, error=_("Deze notitie kun je niet (meer) wijzigen."))
        form = self.note_form(
            note.assignment,
            prefix="wijzig",
            initial={"text": note.text, "category": note.category},
        )
        form.fields.pop("group", None)
        context = {"note": note, "form": form, "phone_url": self.phone_url(), "token": self.token}
        return _render(request, "workshop/phone_note_edit.html", context)

    def post(self, request, *args, **kwargs):
        note = self.own()
        if note is None:
            return self.page(status=403, error=_("Dit is niet jouw notitie."))
        form = self.note_form(note.assignment, data=request.POST, prefix="wijzig")
        form.fields.pop("group", None)
        if form.is_valid():
            try:
                services.note_update_own(
                    participant=self.participant,
                    note_id=note.pk,
                    text=form.cleaned_data["text"],
                    category=form.cleaned_data.get("category", ""),
                )
            except services.WorkshopRefused as refused:
                form.add_error(None, str(refused))
            else:
                return redirect(self.phone_url(f"mijn-{note.assignment_id}"))
        context = {"note": note, "form": form, "phone_url": self.phone_url(), "token": self.token}
        return _render(request, "workshop/phone_note_edit.html", context, status=400)


class PhoneNoteDeleteView(ParticipantMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.note_delete_own(participant=self.participant, note_id=self.kwargs["note_id"])
        except services.WorkshopRefused as refused:
            return self.page(status=403, error=str(refused))
        return redirect(self.phone_url())


class PhoneVoteView(ParticipantMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            note_id = int(request.POST.get("note", ""))
        except ValueError:
            return self.page(status=400, error=_("Kies een notitie."))
        try:
            if request.POST.get("actie") == "eraf":
                services.vote_remove(participant=self.participant, note_id=note_id)
            else:
                services.vote_add(participant=self.participant, note_id=note_id)
        except services.WorkshopRefused as refused:
            if self.wants_json():
                return JsonResponse({"errors": {"__all__": [str(refused)]}}, status=409)
            return self.page(status=409, error=str(refused))
        if self.wants_json():
            return JsonResponse({"ok": True})
        return redirect(self.phone_url(f"stem-{note_id}"))


class PhonePhotoView(ParticipantMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment(request.POST.get("opdracht"))
        if assignment is None or not assignment.is_open:
            return self.page(status=409, error=_("Deze opdracht is gesloten."))
        prefix = f"foto-{assignment.pk}"
        try:
            services.photo_add(
                assignment=assignment,
                uploaded=request.FILES.get(f"{prefix}-photo"),
                caption=request.POST.get(f"{prefix}-caption", ""),
                participant=self.participant,
            )
        except PhotoRefused as refused:
            return self.page(status=400, error=str(refused))
        return redirect(self.phone_url(f"foto-{assignment.pk}"))
