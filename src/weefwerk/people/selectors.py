"""Reads about the people and organisations of a trajectory."""

from django.db.models import Count, Q

ROLE_FILTERS = {
    "fixed": Q(is_fixed_participant=True),
    "project_team": Q(is_project_team=True),
    "expert": Q(is_expert=True),
    "manager": Q(is_manager=True),
}


def people_search(trajectory, *, q="", domain=None, role="", show_contact=True):
    """People matching the filters. With ``show_contact`` off (readers), e-mail addresses that
    are not shared are not searched either, so a search cannot reveal them."""
    people = trajectory.people.select_related("organisation").prefetch_related(
        "domains", "organisation__domains"
    )
    if q:
        email = (
            Q(email__icontains=q) if show_contact else Q(email__icontains=q, shares_contact=True)
        )
        people = people.filter(
            Q(name__icontains=q)
            | Q(function__icontains=q)
            | email
            | Q(organisation__name__icontains=q)
        )
    if domain is not None:
        # A person's own domains count; otherwise their organisation's.
        people = people.filter(
            Q(domains=domain) | Q(domains__isnull=True, organisation__domains=domain)
        ).distinct()
    if role in ROLE_FILTERS:
        people = people.filter(ROLE_FILTERS[role])
    return people.order_by("name")


def organisations_search(trajectory, *, q="", domain=None, kind=""):
    organisations = trajectory.organisations.prefetch_related("domains").annotate(
        people_count=Count("people", distinct=True)
    )
    if q:
        organisations = organisations.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if domain is not None:
        organisations = organisations.filter(domains=domain)
    if kind:
        organisations = organisations.filter(is_formal=(kind == "formal"))
    return organisations.order_by("name")
