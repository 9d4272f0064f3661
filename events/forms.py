from django import forms


class VisitorRegistrationForm(forms.Form):
    name = forms.CharField(label="Nom et prénom", max_length=150)
    email = forms.CharField(
        label="Adresse électronique",
        max_length=254,
        help_text="Un lien de confirmation vous sera envoyé. Format attendu : nom@exemple.fr",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
