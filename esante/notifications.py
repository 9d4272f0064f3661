"""Every e-mail the portal sends goes one way: a Notification
row, recorded once, published by the drain, sent by one task. Who gets what, exactly once,
never lost.

Apps register, in their AppConfig.ready(), the kinds of e-mail they send (with a renderer that
turns a Notification row into an e-mail) and the periodic jobs that find what is due
(reminders, digests). The core imports no app: it only calls what was registered.

- Writing: a service, a job or a task calls `notify_many()` inside its transaction; it inserts
  one row per recipient, ignoring those that exist (unique per kind, key and address: a re-run,
  a double click or two concurrent beats insert nothing new). It never talks to the broker.
- Publishing: the drain (esante.outbox) hands due rows to the broker by primary key: pending
  ones, and queued ones whose message the broker lost. With no broker, right after the commit.
- Sending: `esante.tasks.send_notification` locks the row, sends the e-mail only if it is not
  sent yet, and marks it sent; SMTP errors are retried with exponential backoff, then the row
  is marked failed, visible in the admin, which can send it again.

A *transactional* kind (a registration's confirmation, a council decision) answers something
the person did: it has no unsubscribe link or header and an unsubscription never stops it, but
it goes through the same rows, with the same guarantees and the same admin. A *secret* kind
(allauth's account e-mails, esante.adapters) carries a personal link: its text is erased from
the row once sent, and it cannot be sent again (the person asks for a new link).
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import outbox
from .i18n import email_language
from .links import absolute_url
from .models import Notification, UnsubscribeKey, Unsubscription

UNSUBSCRIBE_SALT = "esante.unsubscribe"  # the links made before issue 15, address inside
UNSUBSCRIBE_KEY_SALT = "esante.unsubscribe.key"
BATCH = 1000


@dataclass
class Kind:
    code: str
    # Lazily translated. For the others, completes « Pour ne plus recevoir … » on the unsubscribe
    # page and in the e-mail: "les rappels de clôture…"; the admin shows it for every kind.
    label: str
    # Notification → {"subject", "template", "context", "attachments": [(name, bytes, type)]},
    # or an e-mail already written: {"subject" (whole), "text", "html"}.
    render: Callable[[Notification], dict]
    transactional: bool = False
    secret: bool = False


@dataclass
class Registry:
    kinds: dict[str, Kind] = field(default_factory=dict)
    jobs: dict[str, list[Callable[[], int]]] = field(default_factory=dict)


registry = Registry()


def register_kind(
    code: str, label: str, render, *, transactional: bool = False, secret: bool = False
) -> None:
    """`transactional`: the answer to something the person did (no unsubscribe link, never
    stopped by an unsubscription). `secret` (transactional too): the row's payload holds a
    personal link, erased once the e-mail is sent."""
    registry.kinds[code] = Kind(code, label, render, transactional or secret, secret)


def register_job(name: str, job: Callable[[], int]) -> None:
    """`name` is "reminders" or "digests"; the job returns how many notifications it created."""
    if job not in registry.jobs.setdefault(name, []):
        registry.jobs[name].append(job)


def run_jobs(name: str) -> int:
    """Run the registered jobs, then hand what they recorded to the broker at once (jobs run
    in workers and commands, never in a web request, so talking to the broker is fine)."""
    created = sum(job() for job in registry.jobs.get(name, []))
    while outbox.publish():
        pass
    return created


# --- Recording ---------------------------------------------------------------------------------


@dataclass
class Recipient:
    email: str
    user_id: int | None = None
    payload: dict = field(default_factory=dict)
    language: str = ""  # empty: the account's language when the e-mail is written


def notify_many(kind: str, key: str, recipients: Iterable[Recipient]) -> int:
    """Record one e-mail of `kind` about `key` per recipient, at most once ever per address;
    returns how many are new. This is how any app sends an e-mail: call it inside the
    transaction of the change that causes it (the rows commit with the change, or not at all)
    and nothing more. It never talks to the broker: the drain publishes the rows (with no
    broker, they are sent right after the commit). Addresses that unsubscribed from this kind
    are skipped, unless the kind is transactional; so are addresses that cannot be delivered
    (`undeliverable()`: the placeholder of deleted accounts and other `.invalid` ones).

    `key` names what the e-mail is about ("contribution:42", "registration:7"): the same kind
    and key never reach the same address twice, however often this is called."""
    if kind not in registry.kinds:
        raise LookupError(f"unknown notification kind {kind!r}: register_kind() it first")
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


def undeliverable(email: str) -> bool:
    """An address at the reserved `.invalid` top-level domain (RFC 2606): the « Contributeur
    anonyme » placeholder that keeps deleted accounts' contributions, the pseudonyms of deleted
    accounts and anonymised registrations (esante.privacy). Nobody reads them: a reply to an
    anonymised contribution, an answer, a digest addressed there is never recorded."""
    domain = email.rpartition("@")[2].rstrip(".").lower()
    return domain == "invalid" or domain.endswith(".invalid")


def _insert(kind: str, key: str, batch: list[Recipient]) -> int:
    batch = [r for r in batch if not undeliverable(r.email)]
    if not batch:
        return 0
    emails = [r.email for r in batch]
    unsubscribed = set()
    if not registry.kinds[kind].transactional:
        unsubscribed = {
            e.lower()
            for e in Unsubscription.objects.filter(
                kind=kind, email__in={e.lower() for e in emails}
            ).values_list("email", flat=True)
        }
    existing = set(
        Notification.objects.filter(kind=kind, key=key, email__in=emails).values_list(
            "email", flat=True
        )
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
    if rows and outbox.eager():
        # No broker: these rows are sent right after the commit (their primary keys, which
        # bulk_create with ignore_conflicts does not return, read back).
        pks = list(
            Notification.objects.filter(
                kind=kind, key=key, email__in=[row.email for row in rows]
            ).values_list("pk", flat=True)
        )
        outbox.publish_after_commit(pks)
    return len(rows)


# --- Sending ---------------------------------------------------------------------------------


def unsubscribe_token(email: str, kind: str) -> str:
    """An opaque link token (issue 15, finding 9: it used to carry the address in readable
    base64): a random key standing for the address, and the kind, signed and dated; it is
    valid UNSUBSCRIBE_LINK_MAX_AGE seconds, long enough for a yearly digest."""
    key, _ = UnsubscribeKey.objects.get_or_create(
        email=email.lower(), defaults={"key": secrets.token_urlsafe(16)}
    )
    return signing.dumps({"a": key.key, "k": kind}, salt=UNSUBSCRIBE_KEY_SALT)


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    """(address, kind); raises signing.SignatureExpired for a link too old, BadSignature for
    a forged one or one whose address's data was erased. Links made before the opaque tokens
    (the address inside) are still read, until they are as old as the new ones may be:
    signing.dumps dated them too, so they expire the same way."""
    max_age = settings.UNSUBSCRIBE_LINK_MAX_AGE
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_KEY_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except signing.BadSignature:
        legacy = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=max_age)
        return legacy["e"], legacy["k"]
    email = UnsubscribeKey.objects.filter(key=data["a"]).values_list("email", flat=True).first()
    if email is None:
        raise signing.BadSignature("unknown unsubscribe key")
    return email, data["k"]


def unsubscribe(email: str, kind: str) -> None:
    Unsubscription.objects.get_or_create(email=email.lower(), kind=kind)


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail, written in the recipient's language (the interface strings; the content it
    quotes stays French), its links leading to the pages in that language (the renderers build
    them with esante.links.absolute_url), with the attachments the renderer returns."""
    account_language = notification.user.language if notification.user_id else ""
    with translation.override(email_language(notification.language, account_language)):
        return _build_message(notification)


def _build_message(notification: Notification) -> EmailMultiAlternatives:
    kind = registry.kinds[notification.kind]
    spec = kind.render(notification)
    if "text" in spec:  # Written already (allauth's e-mails), in the language of the request.
        message = EmailMultiAlternatives(
            subject=spec["subject"], body=spec["text"], to=[notification.email]
        )
        if spec["html"]:
            message.attach_alternative(spec["html"], "text/html")
        return message
    context = {**spec["context"], "site_name": settings.SITE_NAME, "kind_label": kind.label}
    headers = {}
    if not kind.transactional:
        unsubscribe_url = absolute_url(
            reverse(
                "unsubscribe",
                kwargs={"token": unsubscribe_token(notification.email, notification.kind)},
            )
        )
        context["unsubscribe_url"] = unsubscribe_url
        headers = {
            # RFC 8058 one-click unsubscription, understood by the main mail providers.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {spec['subject']}",
        body=render_to_string(f"{spec['template']}.txt", context),
        to=[notification.email],
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"{spec['template']}.html", context), "text/html")
    for attachment in spec.get("attachments", []):
        message.attach(*attachment)
    return message
