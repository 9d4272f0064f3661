"""Notification plumbing shared by every app: who gets what, exactly once, never lost.

Apps register, in their AppConfig.ready(), the kinds of notification they send (with a
renderer that turns a Notification row into an e-mail) and the periodic jobs that find what
is due (reminders, digests). The core imports no app: it only calls what was registered.

Flow: a job calls `notify_many()`, which inserts Notification rows, ignoring those that exist
(unique per kind, key and address: a re-run or two concurrent beats insert nothing new), then
`enqueue_pending()` hands the new rows to Celery through the outbox, each row once (rows are
claimed with SELECT … FOR UPDATE SKIP LOCKED). The task `esante.tasks.send_notification` sends
one e-mail and marks it sent; SMTP errors are retried with exponential backoff, and a message
that keeps failing is marked failed, visible in the admin.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import outbox
from .i18n import email_language
from .links import absolute_url
from .models import Notification, Unsubscription

SEND_TASK = "esante.tasks.send_notification"
UNSUBSCRIBE_SALT = "esante.unsubscribe"
BATCH = 1000


@dataclass
class Kind:
    code: str
    label: str  # Lazily translated, shown on the unsubscribe page: "les rappels de clôture…"
    render: Callable[[Notification], dict]  # → {"subject", "template", "context", "attachments"}


@dataclass
class Registry:
    kinds: dict[str, Kind] = field(default_factory=dict)
    jobs: dict[str, list[Callable[[], int]]] = field(default_factory=dict)


registry = Registry()


def register_kind(code: str, label: str, render) -> None:
    registry.kinds[code] = Kind(code, label, render)


def register_job(name: str, job: Callable[[], int]) -> None:
    """`name` is "reminders" or "digests"; the job returns how many notifications it created."""
    if job not in registry.jobs.setdefault(name, []):
        registry.jobs[name].append(job)


def run_jobs(name: str) -> int:
    """Run the registered jobs, then hand what they recorded to the broker at once (jobs run
    in workers and commands, never in a web request, so talking to the broker is fine)."""
    created = sum(job() for job in registry.jobs.get(name, []))
    enqueue_pending()
    while outbox.publish():
        pass
    return created


# --- Creating and enqueuing ------------------------------------------------------------------


@dataclass
class Recipient:
    email: str
    user_id: int | None = None
    payload: dict = field(default_factory=dict)
    language: str = ""  # empty: the account's language when the e-mail is written


def notify_many(kind: str, key: str, recipients: Iterable[Recipient]) -> int:
    """Record one notification per recipient, at most once ever; returns how many are new.
    Addresses that unsubscribed from this kind are skipped."""
    created = 0
    batch: list[Recipient] = []
    for recipient in recipients:
        batch.append(recipient)
        if len(batch) >= BATCH:
            created += _insert(kind, key, batch)
            batch = []
    if batch:
        created += _insert(kind, key, batch)
    return created


def _insert(kind: str, key: str, batch: list[Recipient]) -> int:
    emails = {r.email.lower() for r in batch}
    unsubscribed = {
        e.lower()
        for e in Unsubscription.objects.filter(kind=kind, email__in=emails).values_list(
            "email", flat=True
        )
    }
    existing = set(
        Notification.objects.filter(
            kind=kind, key=key, email__in=[r.email for r in batch]
        ).values_list("email", flat=True)
    )
    rows = [
        Notification(
            kind=kind,
            key=key,
            email=r.email,
            user_id=r.user_id,
            payload=r.payload,
            language=r.language,
        )
        for r in batch
        if r.email.lower() not in unsubscribed and r.email not in existing
    ]
    # ignore_conflicts: a concurrent run that inserted the same row first wins, silently.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def enqueue_pending(limit: int = 10_000) -> int:
    """Hand every not-yet-enqueued notification to Celery (through the outbox), once each."""
    enqueued = 0
    while enqueued < limit:
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(enqueued_at__isnull=True, status=Notification.Status.PENDING)
                .order_by("created_at")
                .values_list("pk", flat=True)[:BATCH]
            )
            if not rows:
                break
            Notification.objects.filter(pk__in=rows).update(enqueued_at=timezone.now())
            for pk in rows:
                outbox.enqueue(SEND_TASK, notification_id=pk)
        enqueued += len(rows)
    return enqueued


# --- Sending ---------------------------------------------------------------------------------


def unsubscribe_token(email: str, kind: str) -> str:
    return signing.dumps({"e": email, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    return data["e"], data["k"]


def unsubscribe(email: str, kind: str) -> None:
    Unsubscription.objects.get_or_create(email=email.lower(), kind=kind)


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail, written in the recipient's language (the interface strings; the content it
    quotes stays French), its links leading to the pages in that language."""
    account_language = notification.user.language if notification.user_id else ""
    with translation.override(email_language(notification.language, account_language)):
        return _build_message(notification)


def _build_message(notification: Notification) -> EmailMultiAlternatives:
    kind = registry.kinds[notification.kind]
    spec = kind.render(notification)
    unsubscribe_url = absolute_url(
        reverse(
            "unsubscribe",
            kwargs={"token": unsubscribe_token(notification.email, notification.kind)},
        )
    )
    context = {
        **spec["context"],
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        "kind_label": kind.label,
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {spec['subject']}",
        body=render_to_string(f"{spec['template']}.txt", context),
        to=[notification.email],
        headers={
            # RFC 8058 one-click unsubscription, understood by the main mail providers.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{spec['template']}.html", context), "text/html")
    for attachment in spec.get("attachments", []):
        message.attach(*attachment)
    return message
