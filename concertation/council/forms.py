"""The application form of a working group; the service checks it again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from esante.formguards import GuardedForm


class ApplicationForm(GuardedForm):
    organisation = forms.CharField(label=_("Organisme"), max_length=200, required=False)
    stakeholder_type = forms.ChoiceField(label=_("Type d'acteur"), choices=())
    motivation = forms.CharField(
        label=_("Motivation"),
        help_text=_("Pourquoi souhaitez-vous rejoindre ce groupe ? 3 000 caractères au plus."),
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
    )
    contribution = forms.CharField(
        label=_("Ce que vous pouvez apporter"),
        help_text=_("Expérience, compétences, terrain… 3 000 caractères au plus."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        strip=False,
    )
    consent_public = forms.BooleanField(
        label=_(
            "J'accepte que mon nom figure publiquement parmi les membres du groupe si ma "
            "candidature est retenue"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from esante.models import StakeholderType

        super().__init__(*args, **kwargs)
        self.fields["stakeholder_type"].choices = StakeholderType.choices
