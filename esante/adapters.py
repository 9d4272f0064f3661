"""django-allauth hooks: the account e-mails speak as the portal does.

allauth renders its e-mails during the request, so they are written in the language of the
interface the person is using (English under /en/comptes/), like the links they carry.
"""

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.urls import reverse


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
        super().send_mail(template_prefix, email, context)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """Security notices end with what to do if the change was not yours: choose a new
        password."""
        context = {
            "password_reset_url": build_absolute_uri(
                self.request, reverse("account_reset_password")
            ),
            **(context or {}),
        }
        super().send_notification_mail(template_prefix, user, context, email)
