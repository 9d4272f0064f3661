"""django-allauth hooks: the account e-mails speak as the portal does.

allauth renders its e-mails during the request, so they are written in the language of the
interface the person is using (English under /en/comptes/), like the links they carry. Their
links lead to SITE_URL, like every other e-mail of the portal: allauth would build them from the
host of the request, which may be another name the site answers to (an internal name, the apex).
"""

from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from esante.links import absolute_url


def on_site(url: str) -> str:
    """The same page on SITE_URL: path, query and fragment kept, scheme and host replaced."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Name the portal (without the sites framework allauth only knows the request's host)
        and say how long the links stay valid, from the settings that decide it."""
        context = {
            "site_name": settings.SITE_NAME,
            "confirmation_days": app_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
            # Whole days only: a text never promises more time than the link has.
            "password_reset_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
            **context,
        }
        # The links allauth put in the context (signup_url, password_reset_url…), built from
        # the request's host.
        for name, value in context.items():
            if name.endswith("_url") and isinstance(value, str) and "://" in value:
                context[name] = on_site(value)
        super().send_mail(template_prefix, email, context)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """Security notices end with what to do if the change was not yours: choose a new
        password."""
        context = {
            "password_reset_url": absolute_url(reverse("account_reset_password")),
            **(context or {}),
        }
        super().send_notification_mail(template_prefix, user, context, email)
