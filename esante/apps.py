from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsanteConfig(AppConfig):
    name = "esante"
    verbose_name = _("Portail (comptes et régions)")

    def ready(self):
        from allauth.account.signals import user_signed_up

        from . import textsearch
        from .adapters import ACCOUNT, render_account_email
        from .notifications import register_kind

        textsearch.connect()
        register_kind(
            ACCOUNT, _("les courriels de votre compte"), render_account_email, secret=True
        )
        # Retention: the e-mail warning an inactive account before its deletion (issue 15).
        from . import privacy

        privacy.register()
        # Public content changed: the pages cached for anonymous visitors are out of date.
        from . import pagecache

        pagecache.connect()
        user_signed_up.connect(_remember_the_language, dispatch_uid="esante_signup_language")


def _remember_the_language(request, user, **kwargs):
    """A new account writes its e-mails in the interface language it signed up in (the person
    can change it on their account page)."""
    from django.utils.translation import get_language

    from .i18n import site_language

    language = site_language(get_language())
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
