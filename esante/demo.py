"""Demo accounts, created in development only (settings.DEMO_ACCOUNTS)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from .mfa_demo import DEMO_TOTP_SECRET, give_demo_totp
from .models import Region, StakeholderType, User
from .roles import ARS_TEAM, DNS_TEAM

DEMO_PASSWORD = "demo-esante-2026"  # noqa: S105 - development-only accounts, printed on purpose.

ACCOUNTS = [
    {
        "email": "dns@demo.esante.local",
        "display_name": "Équipe DNS (démo)",
        "stakeholder_type": StakeholderType.INSTITUTION,
        "organisation": "Délégation ministérielle au Numérique en Santé",
        "is_staff": True,
        "group": DNS_TEAM,
        "role": "équipe DNS : administration, contenus nationaux, modération",
    },
    {
        "email": "ars.normandie@demo.esante.local",
        "display_name": "ARS Normandie (démo)",
        "stakeholder_type": StakeholderType.INSTITUTION,
        "organisation": "ARS Normandie",
        "is_staff": True,
        "group": ARS_TEAM,
        "editor_regions": ["normandie"],
        "role": "équipe ARS Normandie : événements de la région Normandie",
    },
    {
        "email": "citoyenne@demo.esante.local",
        "display_name": "Camille (démo)",
        "stakeholder_type": StakeholderType.CITIZEN,
        "region": "normandie",
        "role": "citoyenne au compte vérifié",
    },
]


def ensure_account(*, email, password, groups=(), editor_regions=(), region=None, **fields):
    """Create a demo account with a verified e-mail; an existing one is left as it is."""
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.region = Region.objects.filter(slug=region).first() if region else None
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        user.editor_regions.set(Region.objects.filter(slug__in=editor_regions))
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(*, log):
    if not settings.DEMO_ACCOUNTS:
        log("Comptes de démonstration : non créés (DEMO_ACCOUNTS est désactivé).")
        return
    log("Comptes de démonstration (développement uniquement) :")
    for account in ACCOUNTS:
        account = dict(account)
        role = account.pop("role")
        group = account.pop("group", None)
        user = ensure_account(password=DEMO_PASSWORD, groups=[group] if group else [], **account)
        log(f"  {account['email']} / {DEMO_PASSWORD}  ({role})")
        if user.is_staff:
            # Staff pass MFA to reach the admin (issue 15), the demo staff too.
            give_demo_totp(user)
            log(f"    code TOTP : secret {DEMO_TOTP_SECRET} (esante/mfa_demo.py)")
