from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import User


class LanguageSelect(forms.Select):
    """Each language named in itself, and marked as such (RGAA 8.7): « English » on a French
    page is read with an English voice."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "name_in_open_data",
            "stakeholder_type",
            "organisation",
            "region",
            "declaration_of_interests",
            "digest_frequency",
            "flag_outcome_notices",
            "language",
        ]
        widgets = {"language": LanguageSelect}
        help_texts = {
            "display_name": _(
                "Affiché à côté de vos contributions. Laissé vide, vous apparaissez comme "
                "« Contributeur » suivi de votre type d'acteur."
            ),
            "organisation": _("Facultatif : l'établissement, l'entreprise ou l'association."),
            "digest_frequency": _(
                "Les nouvelles contributions sur ce que vous suivez, les réponses et réactions "
                "à vos contributions, les consultations qui ouvrent ou vont fermer."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].empty_label = gettext("Non précisée")

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())

    def clean_declaration_of_interests(self):
        return self.cleaned_data["declaration_of_interests"].strip()

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())
