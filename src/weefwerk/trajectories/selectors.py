"""Reads about trajectories. Every lookup that a view does goes through the user's membership."""

from collections import Counter

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.trajectories.models import Membership, Role, Trajectory

# Sessions a trajectory normally has: step 0 to 5, or encounters 1 to 5.
EXPECTED_MEETINGS = {Trajectory.Approach.NETWORK: 6, Trajectory.Approach.ENCOUNTERS: 5}


def trajectories_for_user(user):
    return (
        Trajectory.objects.filter(memberships__user=user)
        .annotate(
            people_count=Count("people", distinct=True),
            organisation_count=Count("organisations", distinct=True),
        )
        .order_by("name")
    )


def membership_for(user, trajectory_id) -> Membership:
    """The user's membership of the trajectory, or 404 whether or not the trajectory exists."""
    if not user.is_authenticated:
        raise Http404
    try:
        return Membership.objects.select_related("trajectory").get(
            user=user, trajectory_id=trajectory_id
        )
    except (Membership.DoesNotExist, ValueError):
        raise Http404 from None


def domain_counts(trajectory) -> list[dict]:
    """Per domain: how many organisations and people (directly or through their organisation)."""
    from weefwerk.people.models import Person

    people_per_domain: Counter = Counter()
    people = Person.objects.filter(trajectory=trajectory).prefetch_related(
        "domains", "organisation__domains"
    )
    for person in people:
        for domain_id in person_domain_ids(person):
            people_per_domain[domain_id] += 1
    domains = trajectory.domains.annotate(org_count=Count("organisations", distinct=True))
    return [
        {"domain": d, "organisations": d.org_count, "people": people_per_domain[d.pk]}
        for d in domains
    ]


def person_domain_ids(person) -> set[int]:
    """A person's own domains, or else those of their organisation (prefetched)."""
    own = {d.pk for d in person.domains.all()}
    if own:
        return own
    if person.organisation_id:
        return {d.pk for d in person.organisation.domains.all()}
    return set()


def preparation_gaps(trajectory) -> list[str]:
    """What step 0 still misses, in plain words, judged from the data alone."""
    gaps = []
    if not trajectory.ambition.strip():
        gaps.append(_("De gezamenlijke ambitie is nog niet beschreven."))
    people = trajectory.people
    if (
        not people.filter(is_project_team=True).exists()
        and not trajectory.memberships.filter(role=Role.PROJECT_TEAM).exists()
    ):
        gaps.append(_("Er is nog geen projectteam: zoek twee tot vier aanjagers."))
    if not people.filter(is_manager=True).exists():
        gaps.append(_("Er zijn nog geen leidinggevenden vastgelegd met hun wensen."))
    elif people.filter(is_manager=True, inform_frequency="").exists():
        gaps.append(
            _("Niet van alle leidinggevenden is bekend hoe vaak ze op de hoogte willen zijn.")
        )
    if not people.filter(is_expert=True).exists():
        gaps.append(_("Er doet nog geen ervaringsdeskundige mee."))
    without_fixed = trajectory.organisations.exclude(people__is_fixed_participant=True).count()
    if without_fixed:
        gaps.append(
            ngettext(
                "%(count)s organisatie heeft nog geen vaste deelnemer.",
                "%(count)s organisaties hebben nog geen vaste deelnemer.",
                without_fixed,
            )
            % {"count": without_fixed}
        )
    empty_domains = trajectory.domains.annotate(n=Count("organisations") + Count("people")).filter(
        n=0
    )
    if empty_domains:
        names = ", ".join(d.name for d in empty_domains[:6])
        gaps.append(_("Nog niemand uit deze domeinen: %(names)s.") % {"names": names})
    meetings = trajectory.meetings
    expected = EXPECTED_MEETINGS.get(trajectory.approach, 6)
    if meetings.count() < expected:
        gaps.append(
            _("Er zijn %(planned)s van de %(expected)s bijeenkomsten aangemaakt.")
            % {"planned": meetings.count(), "expected": expected}
        )
    undated = meetings.filter(Q(starts_at__isnull=True)).count()
    if undated:
        gaps.append(
            ngettext(
                "%(count)s bijeenkomst heeft nog geen datum.",
                "%(count)s bijeenkomsten hebben nog geen datum.",
                undated,
            )
            % {"count": undated}
        )
    return gaps
