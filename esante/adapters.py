"""django-allauth hooks: the account e-mails speak as the portal does, and go the portal's way.

allauth's e-mails (address confirmation, password reset, security notices) are notification rows
like every other e-mail (esante.notifications): recorded once, sent by the same task, visible in
the admin, sent again from there when they failed. They are rendered here, in the request, and
the row keeps the rendered text (kind "account"); as that text holds a personal link (a password
reset, a confirmation), the task erases it once the e-mail is sent.

allauth renders its e-mails during the request, so they are written in the language of the
interface the person is using (English under /en/comptes/), like the links they carry. Their
links lead to SITE_URL, like every other e-mail of the portal: allauth would build them from the
host of the request, which may be another name the site answers to (an internal name, the apex).
"""

import uuid
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import get_language

from esante import auth
from esante.clientip import client_ip
from esante.i18n import site_language
from esante.links import absolute_url
from esante.notifications import Recipient, notify_many

ACCOUNT = "account"


def on_site(url: str) -> str:
    """The same page on SITE_URL: path, query and fragment kept, scheme and host replaced."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """One account per mailbox, however its address is spelled (issue 15): see
        esante.auth.normalise_email; invisible characters are refused."""
        return super().clean_email(auth.clean_email(email))

    def authenticate(self, request, **credentials):
        """The address typed at sign-in is looked up in the form it was stored in."""
        if credentials.get("email"):
            credentials["email"] = auth.normalise_email(credentials["email"])
        return super().authenticate(request, **credentials)

    def get_client_ip(self, request):
        """allauth's per-IP limits key on the same address as axes and the portal's limits."""
        return client_ip(request)

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
        context = {"email": email, "current_site": get_current_site(self.request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, type_ in getattr(message, "alternatives", []) if type_ == "text/html"),
            "",
        )
        user = context.get("user")
        notify_many(
            ACCOUNT,
            # Every account e-mail is its own: a second confirmation asked for is a new e-mail.
            f"{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}",
            [
                Recipient(
                    email,
                    user_id=getattr(user, "pk", None),
                    payload={"subject": message.subject, "text": message.body, "html": html},
                    language=site_language(get_language()),
                )
            ],
        )

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


def render_account_email(notification) -> dict:
    """The e-mail allauth rendered, as it was; gone once sent (it held a personal link)."""
    payload = notification.payload
    if "text" not in payload:
        raise ValueError(
            "Contenu effacé après l'envoi : il contenait un lien personnel. "
            "La personne doit en demander un nouveau."
        )
    return {"subject": payload["subject"], "text": payload["text"], "html": payload["html"]}
