"""Participants fill in their own part of the network from a phone, without an account.

Two ways in: a personal link (a signed token with the person's id, made on the team's page
"Deelnemers laten invullen"), or the session's join code: ``/kaart/<code>/`` asks for your
name, then shows the same form. Every answer becomes a *proposed* connection reported by the
person (and an unknown name a proposed element); the project team reviews them.

Decision: with the join code anyone in the room can pick any name, as with signing in at the
door; the answers are only proposals, and a participant can take back only their own answers
that have not been reviewed yet.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from weefwerk.networkmap import selectors, services
from weefwerk.networkmap.forms import AnswerForm
from weefwerk.networkmap.models import Connection, ConnectionKind, ElementKind, MemberRole
from weefwerk.trajectories.models import Meeting


@dataclass(frozen=True)
class Question:
    key: str
    title: str
    name_label: str
    help: str
    kinds: tuple
    new_kind: str
    connection_kind: str
    custom_kind: str = ""
    roles: bool = False
    relations: bool = False


KNOWS = "kent"

QUESTIONS = [
    Question(
        "overleg",
        gettext_lazy("Aan welke overleggen neem je deel?"),
        gettext_lazy("Naam van het overleg"),
        gettext_lazy("Kies uit de lijst of typ een nieuw overleg."),
        (ElementKind.TABLE,),
        ElementKind.TABLE,
        ConnectionKind.TAKES_PART_IN,
        roles=True,
    ),
    Question(
        "organisatie",
        gettext_lazy("Met welke organisaties werk je samen?"),
        gettext_lazy("Naam van de organisatie"),
        gettext_lazy("Kies uit de lijst of typ een nieuwe organisatie."),
        (ElementKind.ORGANISATION, ElementKind.INFORMAL),
        ElementKind.ORGANISATION,
        ConnectionKind.WORKS_WITH,
    ),
    Question(
        "bellen",
        gettext_lazy("Als ik niet meer weet wat ik moet doen, dan bel ik …"),
        gettext_lazy("Naam van de persoon of organisatie"),
        gettext_lazy("Wie bel jij als je vastloopt? Kies uit de lijst of typ een naam."),
        (ElementKind.PERSON, ElementKind.ORGANISATION, ElementKind.INFORMAL),
        ElementKind.PERSON,
        ConnectionKind.CALLS_WHEN_STUCK,
    ),
    Question(
        "programma",
        gettext_lazy("Welke lokale programma's en projecten ken je?"),
        gettext_lazy("Naam van het programma of project"),
        gettext_lazy("Over armoede of kinderarmoede, hier in de buurt."),
        (ElementKind.PROGRAMME,),
        ElementKind.PROGRAMME,
        ConnectionKind.CUSTOM,
        custom_kind=KNOWS,
        relations=True,
    ),
]
QUESTION_BY_KEY = {q.key: q for q in QUESTIONS}


def _answer_question(connection: Connection):
    """Which question a tie of the person's element answers (None: something else)."""
    target_kind = connection.target.kind
    for question in QUESTIONS:
        if question.key == "programma":
            if target_kind == ElementKind.PROGRAMME and (
                connection.kind == ConnectionKind.TAKES_PART_IN
                or (connection.kind == ConnectionKind.CUSTOM and connection.custom_kind == KNOWS)
            ):
                return question
        elif connection.kind == question.connection_kind and target_kind in question.kinds:
            return question
    return None


class ParticipantFormMixin:
    """The phone form for ``self.person``; subclasses find the person."""

    template_name = "networkmap/participant_form.html"

    def form_url(self) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.show({})

    def post(self, request, *args, **kwargs):
        remove = request.POST.get("weghalen", "")
        if remove.isdigit():
            connection = Connection.objects.filter(pk=int(remove), reported_by=self.person).first()
            if connection is not None:
                try:
                    services.answer_remove(person=self.person, connection=connection)
                    messages.success(request, _("Je antwoord is weggehaald."))
                except services.AnswerRefused as refused:
                    messages.error(request, str(refused))
            return redirect(self.form_url())
        question = QUESTION_BY_KEY.get(request.POST.get("vraag", ""))
        if question is None:
            return redirect(self.form_url())
        form = AnswerForm(request.POST, question=question)
        if not form.is_valid():
            return self.show({question.key: form}, status=400)
        data = form.cleaned_data
        kind, custom_kind, role = question.connection_kind, question.custom_kind, ""
        if question.roles:
            role = data["role"]
        if question.relations and data.get("relation") == "doe-mee":
            kind, custom_kind, role = ConnectionKind.TAKES_PART_IN, "", MemberRole.MEMBER
        try:
            connection, created = services.answer_add(
                person=self.person,
                label=data["name"],
                kinds=question.kinds,
                new_kind=question.new_kind,
                connection_kind=kind,
                custom_kind=custom_kind,
                role=role,
            )
        except services.AnswerRefused as refused:
            form.add_error("name", str(refused))
            return self.show({question.key: form}, status=400)
        if created:
            messages.success(
                request,
                _("Opgeslagen: „%(name)s”. Het projectteam kijkt er nog naar.")
                % {"name": connection.target.label},
            )
        else:
            messages.info(request, _("„%(name)s” had je al genoemd.") % {"name": connection.target})
        return redirect(f"{self.form_url()}#{question.key}")

    def show(self, bound_forms: dict, status=200):
        own = self.person.network_elements.filter(kind=ElementKind.PERSON).order_by("pk").first()
        answers = selectors.participant_answers(self.person, own)
        sections = []
        for question in QUESTIONS:
            sections.append(
                {
                    "question": question,
                    "form": bound_forms.get(question.key) or AnswerForm(question=question),
                    "choices": selectors.choices_for(
                        self.person.trajectory, question.kinds, exclude=own
                    ),
                    "answers": [a for a in answers if _answer_question(a) == question],
                }
            )
        context = {
            "person": self.person,
            "trajectory": self.person.trajectory,
            "sections": sections,
            "form_url": self.form_url(),
        }
        return render(self.request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class ParticipantLinkView(ParticipantFormMixin, View):
    def dispatch(self, request, *args, **kwargs):
        self.person = selectors.person_for_token(kwargs["token"])
        if self.person is None:
            return render(request, "networkmap/participant_not_found.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def form_url(self):
        return reverse("networkmap_public:participant", args=[self.kwargs["token"]])


# Wrong join codes per address per minute before we stop looking.
CODE_TRIES_PER_MINUTE = 20


def _session_key(meeting) -> str:
    return f"networkmap_person_{meeting.pk}"


class SessionMixin:
    def find_meeting(self, request, code):
        address = request.META.get("REMOTE_ADDR", "")
        key = f"networkmap:code-tries:{address}"
        if (cache.get(key) or 0) >= CODE_TRIES_PER_MINUTE:
            return None, render(
                request, "networkmap/participant_not_found.html", {"too_many": True}, status=429
            )
        meeting = (
            Meeting.objects.select_related("trajectory")
            .filter(join_code=code.strip().upper(), joining_open=True)
            .first()
        )
        if meeting is None:
            cache.add(key, 0, timeout=60)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=60)
            return None, render(
                request, "networkmap/participant_not_found.html", {"code": True}, status=404
            )
        return meeting, None


@method_decorator(never_cache, name="dispatch")
class SessionPickView(SessionMixin, View):
    """``/kaart/<code>/``: who are you? Then the form."""

    template_name = "networkmap/participant_pick.html"

    def dispatch(self, request, *args, **kwargs):
        self.meeting, refusal = self.find_meeting(request, kwargs["join_code"])
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)

    def people(self):
        return self.meeting.trajectory.people.select_related("organisation").order_by("name")

    def get(self, request, *args, **kwargs):
        return self.show()

    def post(self, request, *args, **kwargs):
        chosen = request.POST.get("persoon", "")
        person = self.people().filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if person is None:
            return self.show(error=_("Kies je naam uit de lijst."), status=400)
        request.session[_session_key(self.meeting)] = person.pk
        return redirect("networkmap_public:session_form", self.meeting.join_code)

    def show(self, error="", status=200):
        context = {"meeting": self.meeting, "people": self.people(), "error": error}
        return render(self.request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class SessionFormView(SessionMixin, ParticipantFormMixin, View):
    def dispatch(self, request, *args, **kwargs):
        self.meeting, refusal = self.find_meeting(request, kwargs["join_code"])
        if refusal is not None:
            return refusal
        person_id = request.session.get(_session_key(self.meeting))
        self.person = (
            self.meeting.trajectory.people.filter(pk=person_id).first() if person_id else None
        )
        if self.person is None:
            return redirect("networkmap_public:session", self.meeting.join_code)
        return super().dispatch(request, *args, **kwargs)

    def form_url(self):
        return reverse("networkmap_public:session_form", args=[self.meeting.join_code])
