"""URLs: ``urlpatterns`` under /trajecten/<id>/ and ``public_urlpatterns`` without an account."""

from django.urls import path

from weefwerk.actions import views, views_public

app_name = "actions"

urlpatterns = [
    path("afspraken/", views.BoardView.as_view(), name="board"),
    path("afspraken/nieuw/", views.AgreementCreateView.as_view(), name="agreement_create"),
    path("afspraken/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path(
        "afspraken/<int:pk>/bewerken/", views.AgreementUpdateView.as_view(), name="agreement_edit"
    ),
    path(
        "afspraken/<int:pk>/verwijderen/",
        views.AgreementDeleteView.as_view(),
        name="agreement_delete",
    ),
    path("afspraken/<int:pk>/meedoen/", views.CommitView.as_view(), name="commit"),
    path("afspraken/<int:pk>/voortgang/", views.UpdateCreateView.as_view(), name="update_create"),
    path(
        "afspraken/organisaties/<int:pk>/",
        views.OrganisationAgreementsView.as_view(),
        name="organisation",
    ),
    path("afspraken/behoeften/", views.NeedsView.as_view(), name="needs"),
    path("afspraken/wensen/", views.WishListView.as_view(), name="wishes"),
    path("afspraken/wensen/nieuw/", views.WishCreateView.as_view(), name="wish_create"),
    path("afspraken/wensen/<int:pk>/", views.WishDetailView.as_view(), name="wish"),
    path("afspraken/wensen/<int:pk>/bewerken/", views.WishUpdateView.as_view(), name="wish_edit"),
    path(
        "afspraken/wensen/<int:pk>/samenvoegen/", views.WishMergeView.as_view(), name="wish_merge"
    ),
    path("afspraken/wensen/<int:pk>/kiezen/", views.WishChooseView.as_view(), name="wish_choose"),
    path("afspraken/stemmen/", views.VotingView.as_view(), name="voting"),
    path("afspraken/vervolg/", views.FollowupView.as_view(), name="followup"),
    path("afspraken/vervolg/plannen/", views.FollowupPlanView.as_view(), name="followup_plan"),
    path(
        "afspraken/vervolg/<int:meeting_id>/",
        views.FollowupMeetingView.as_view(),
        name="followup_meeting",
    ),
    path("afspraken/links/", views.LinksView.as_view(), name="links"),
]

public_urlpatterns = [
    path("mijn-afspraken/<str:token>/", views_public.PersonPageView.as_view(), name="person"),
    path(
        "mijn-afspraken/<str:token>/meedoen/<int:pk>/",
        views_public.CommitPublicView.as_view(),
        name="commit",
    ),
    path("mijn-afspraken/<str:token>/stemmen/", views_public.VotePublicView.as_view(), name="vote"),
    path(
        "mijn-afspraken/<str:token>/afspraak/<int:pk>/",
        views_public.ReportView.as_view(),
        name="report",
    ),
]
