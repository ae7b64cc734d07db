from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView
from django_otp import login as otp_login

from weefwerk.accounts import twofactor
from weefwerk.accounts.forms import LoginForm, PasswordResetForm, TokenForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class TwoFactorView(LoginRequiredMixin, FormView):
    """Two-step verification in three situations, all answered with a code from the app.

    - ``setup``: no app linked yet; shows a QR code and the secret, a valid code links the app.
    - ``verify``: an app is linked but not used in this session yet; a valid code lets one in.
    - ``linked``: already verified; a valid code unlinks the app ("ontkoppelen").
    """

    template_name = "accounts/two_factor.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.device = twofactor.confirmed_device(request.user)
            if self.device is None:
                self.mode = "setup"
                self.device = twofactor.pending_device(request.user)
            elif request.user.is_verified():
                self.mode = "linked"
            else:
                self.mode = "verify"
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            mode=self.mode, setting_up=self.mode == "setup", next=self.get_next_url(), **kwargs
        )
        if self.mode == "setup":
            context["qr_svg"] = twofactor.qr_code_svg(self.device)
            context["secret"] = _group(self.device.bin_key)
        return context

    def form_valid(self, form):
        if self.mode == "linked":
            self.device.delete()
            messages.success(self.request, _("De authenticator-app is ontkoppeld."))
            return redirect("accounts:two_factor")
        if self.mode == "setup":
            self.device.confirmed = True
            self.device.save(update_fields=["confirmed"])
            messages.success(self.request, _("De authenticator-app is gekoppeld."))
        otp_login(self.request, self.device)
        return redirect(self.get_success_url())

    def get_next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target, {self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return ""

    def get_success_url(self):
        return self.get_next_url() or resolve_url("trajectories:list")


def _group(key: bytes) -> str:
    """The base32 secret in groups of four, for typing it into an app by hand."""
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    form_class=PasswordResetForm,
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
