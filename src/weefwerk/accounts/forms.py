from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of wachtwoord klopt niet. Let op hoofdletters in het wachtwoord."
        ),
        "inactive": _("Dit account is niet actief."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit de authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
        help_text=_("Zes cijfers. De code verandert elke 30 seconden."),
    )

    def __init__(self, *args, device=None, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if self.device is None:
            raise forms.ValidationError(_("Deze code klopt niet. Probeer de nieuwste code."))
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Er is te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw.")
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("Deze code klopt niet. Probeer de nieuwste code."))
        return token


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Also reaches invited users who never set a password, so the link doubles as invitation."""

    def get_users(self, email):
        User = get_user_model()
        return User.objects.filter(email__iexact=email, is_active=True)


def axes_username(request, credentials) -> str | None:
    """The login name django-axes counts failures for: the e-mail address in lower case.

    Without this, ``Naam@Example.nl`` and ``naam@example.nl`` would each get their own five tries.
    """
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return None if value is None else str(value).strip().lower()
