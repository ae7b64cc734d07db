from django.urls import path

from weefwerk.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.AccessibilityView.as_view(), name="accessibility"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
]
