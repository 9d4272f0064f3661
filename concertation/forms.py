from django import forms
from django.utils.translation import gettext_lazy as _

from esante.formguards import GuardedForm

from .models import Contribution, Flag
from .services import REWORDING_MISSING


class ContributionForm(GuardedForm):
    kind = forms.ChoiceField(
        label=_("Type de contribution"),
        choices=Contribution.Kind.choices,
        initial=Contribution.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label=_("Votre contribution"),
        help_text=_(
            "Texte simple ou Markdown (gras, listes, liens). Pas de données personnelles ni de "
            "santé vous concernant ou concernant un tiers."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
    )
    # Required for a rewording proposal only, hence not `required` here (see clean()); the page
    # hides it for the other kinds when scripts run, and its label says so when they do not.
    proposed_text = forms.CharField(
        label=_(
            "Nouvelle rédaction du paragraphe (obligatoire pour une proposition de reformulation)"
        ),
        help_text=_(
            "Modifiez le texte actuel du paragraphe, repris ici : vos changements seront affichés "
            "en comparaison. Ce champ est ignoré pour un commentaire ou une question."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        strip=False,
    )
    paragraph = forms.CharField(widget=forms.HiddenInput, required=False)
    is_anonymous = forms.BooleanField(
        label=_("Publier sans mon nom"),
        help_text=_("Vous apparaîtrez comme « Contributeur » suivi de votre type d'acteur."),
        required=False,
    )
    accept_charter = forms.BooleanField(
        label=_("J'ai lu et j'accepte la charte de modération de cette consultation"),
        required=False,
    )
    confirm_personal_data = forms.BooleanField(
        label=_(
            "J'ai relu mon texte et je confirme l'envoi : il sera relu par la modération avant "
            "publication"
        ),
        required=False,
    )

    def __init__(self, *args, charter_accepted=True, warn_personal_data=False, **kwargs):
        super().__init__(*args, **kwargs)
        if charter_accepted:
            del self.fields["accept_charter"]
        if not warn_personal_data:
            self.fields["confirm_personal_data"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        # Said here too, so that an empty body and an empty rewording are reported together;
        # the service enforces it (and refuses an unchanged text, which needs the paragraph).
        if (
            cleaned.get("kind") == Contribution.Kind.REWORDING
            and cleaned.get("paragraph")
            and not (cleaned.get("proposed_text") or "").strip()
        ):
            self.add_error("proposed_text", REWORDING_MISSING)
        return cleaned


class ReplyForm(GuardedForm):
    body = forms.CharField(
        label=_("Votre réponse"), widget=forms.Textarea(attrs={"rows": 3}), strip=False
    )
    is_anonymous = forms.BooleanField(label=_("Publier sans mon nom"), required=False)
    accept_charter = forms.BooleanField(
        label=_("J'ai lu et j'accepte la charte de modération de cette consultation"),
        required=False,
    )
    confirm_personal_data = forms.BooleanField(
        label=_("J'ai relu mon texte et je confirme l'envoi"), required=False
    )


class EditForm(GuardedForm):
    """The view removes `proposed_text` unless the contribution is a rewording proposal."""

    honeypot = False  # Only the author reaches it, signed in, from their own contribution.

    body = forms.CharField(
        label=_("Votre contribution"), widget=forms.Textarea(attrs={"rows": 6}), strip=False
    )
    proposed_text = forms.CharField(
        label=_("Nouvelle rédaction du paragraphe"),
        error_messages={"required": REWORDING_MISSING},
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
    )


class FlagForm(GuardedForm):
    honeypot = False  # Signed-in only, and rate limited per account.

    reason = forms.ChoiceField(
        label=_("Motif du signalement"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Précision"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReactionForm(forms.Form):
    value = forms.ChoiceField(choices=[("agree", _("D'accord")), ("disagree", _("Pas d'accord"))])
