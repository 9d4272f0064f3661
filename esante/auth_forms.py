"""allauth forms with the portal's security hooks (issue 15)."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from esante.auth import clean_email, has_invisible


def refuse_invisible(value):
    if has_invisible(value):
        clean_email(value)  # raises the French explanation


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Said beside the generic "invalid address" of the e-mail validator, which runs first.
        self.fields["email"].validators.append(refuse_invisible)

    def try_save(self, request):
        """Sign-up takes the same time for a known address as for a new one.

        With ACCOUNT_PREVENT_ENUMERATION allauth answers both the same way (the known address
        gets an "account already exists" e-mail instead of a confirmation), but only the new
        one hashed a password: the slowest step of the request, hence a measurable difference.
        The known address's password is hashed too, and thrown away."""
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
