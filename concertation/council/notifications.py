"""What the council sends: the decision on an application to a working group, a transactional
notification kind (esante.notifications). Registered in apps.ConcertationConfig."""

from django.utils.translation import gettext, gettext_lazy

from esante.links import absolute_url
from esante.notifications import Recipient, notify_many, register_kind

from .models import Application

APPLICATION_DECISION = "application_decision"


def decision_recorded(application: Application) -> int:
    """Record the e-mail of this decision, in the caller's transaction: once per application.
    Written in the applicant's account language when it is sent."""
    return notify_many(
        APPLICATION_DECISION,
        f"application:{application.pk}",
        [
            Recipient(
                email=application.user.email,
                user_id=application.user_id,
                payload={"application": application.pk},
            )
        ],
    )


def render_decision(notification) -> dict:
    application = Application.objects.select_related("group", "user").get(
        pk=notification.payload["application"]
    )
    if application.status == Application.Status.ACCEPTED:
        subject = gettext("Votre candidature au groupe « %(group)s » : acceptée")
    elif application.status == Application.Status.DECLINED:
        subject = gettext("Votre candidature au groupe « %(group)s » : non retenue")
    else:  # Decisions are final: this would be a bug, shown in the admin as a failure.
        raise ValueError(f"application {application.pk} has no decision ({application.status})")
    return {
        "subject": subject % {"group": application.group},
        "template": "emails/council/decision",
        "context": {
            "application": application,
            "group_url": absolute_url(application.group.get_absolute_url()),
        },
    }


def register():
    register_kind(
        APPLICATION_DECISION,
        gettext_lazy("les décisions sur vos candidatures aux groupes de travail"),
        render_decision,
        transactional=True,
    )
