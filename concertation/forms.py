from django import forms

from .models import Contribution, Flag


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type de contribution",
        choices=Contribution.Kind.choices,
        initial=Contribution.Kind.COMMENT,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label="Votre contribution",
        help_text="Texte simple ou Markdown (gras, listes, liens). Pas de données personnelles "
        "ni de santé vous concernant ou concernant un tiers.",
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
    )
    proposed_text = forms.CharField(
        label="Reformulation proposée",
        help_text="Pour une proposition de reformulation : le texte du paragraphe tel que vous "
        "le proposez. Il sera affiché en comparaison du texte actuel.",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        strip=False,
    )
    paragraph = forms.CharField(widget=forms.HiddenInput, required=False)
    is_anonymous = forms.BooleanField(
        label="Publier sans mon nom",
        help_text="Vous apparaîtrez comme « Contributeur » suivi de votre type d'acteur.",
        required=False,
    )
    accept_charter = forms.BooleanField(
        label="J'ai lu et j'accepte la charte de modération de cette consultation",
        required=False,
    )
    confirm_personal_data = forms.BooleanField(
        label="J'ai relu mon texte et je confirme l'envoi : il sera relu par la modération "
        "avant publication",
        required=False,
    )

    def __init__(self, *args, charter_accepted=True, warn_personal_data=False, **kwargs):
        super().__init__(*args, **kwargs)
        if charter_accepted:
            del self.fields["accept_charter"]
        if not warn_personal_data:
            self.fields["confirm_personal_data"].widget = forms.HiddenInput()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Votre réponse", widget=forms.Textarea(attrs={"rows": 3}), strip=False
    )
    is_anonymous = forms.BooleanField(label="Publier sans mon nom", required=False)
    accept_charter = forms.BooleanField(
        label="J'ai lu et j'accepte la charte de modération de cette consultation",
        required=False,
    )
    confirm_personal_data = forms.BooleanField(
        label="J'ai relu mon texte et je confirme l'envoi", required=False
    )


class EditForm(forms.Form):
    body = forms.CharField(
        label="Votre contribution", widget=forms.Textarea(attrs={"rows": 6}), strip=False
    )
    proposed_text = forms.CharField(
        label="Reformulation proposée",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        strip=False,
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="Motif du signalement", choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Précision",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReactionForm(forms.Form):
    value = forms.ChoiceField(choices=[("agree", "D'accord"), ("disagree", "Pas d'accord")])


class ApplicationForm(forms.Form):
    organisation = forms.CharField(label="Organisme", max_length=200, required=False)
    stakeholder_type = forms.ChoiceField(label="Type d'acteur", choices=())
    motivation = forms.CharField(
        label="Motivation",
        help_text="Pourquoi souhaitez-vous rejoindre ce groupe ? 3 000 caractères au plus.",
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
    )
    contribution = forms.CharField(
        label="Ce que vous pouvez apporter",
        help_text="Expérience, compétences, terrain… 3 000 caractères au plus.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        strip=False,
    )
    consent_public = forms.BooleanField(
        label="J'accepte que mon nom figure publiquement parmi les membres du groupe si ma "
        "candidature est retenue",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from esante.models import StakeholderType

        super().__init__(*args, **kwargs)
        self.fields["stakeholder_type"].choices = StakeholderType.choices
