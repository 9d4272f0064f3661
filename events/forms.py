from django import forms
from django.utils.translation import gettext_lazy as _

from esante.formguards import GuardedForm


class VisitorRegistrationForm(GuardedForm):
    """Registration without an account; the service checks the identity again (plain-text
    name, one spelling per mailbox)."""

    name = forms.CharField(label=_("Nom et prénom"), max_length=150)
    email = forms.CharField(
        label=_("Adresse électronique"),
        max_length=254,
        help_text=_("Un lien de confirmation vous sera envoyé. Format attendu : nom@exemple.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
