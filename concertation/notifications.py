"""What the concertation sends: consultation closing reminders, application deadline reminders,
contribution digests and the staff moderation digest. Registered in apps.ConcertationConfig."""

import datetime
from html import unescape

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy, ngettext

from esante.links import absolute_url
from esante.markdown import render_markdown
from esante.models import Notification, User
from esante.notifications import Recipient, notify_many, register_job, register_kind
from esante.roles import DNS_TEAM

from .models import Consultation, Contribution, Follow, OfficialAnswer, Reaction, WorkingGroup

CONSULTATION_REMINDER = "consultation_reminder"
APPLICATION_REMINDER = "application_reminder"
DIGEST = "digest"
STAFF_DIGEST = "staff_digest"
CHUNK = 1000


# --- Reminders ---------------------------------------------------------------------------------


def _due_offset(remaining: datetime.timedelta, offsets_days) -> int | None:
    """The nearest reminder whose moment has come; earlier ones are not sent late."""
    due = [d for d in offsets_days if remaining <= datetime.timedelta(days=d)]
    return min(due) if due else None


def consultation_reminders(now=None) -> int:
    now = now or timezone.now()
    offsets = settings.REMINDER_CONSULTATION_DAYS
    horizon = now + datetime.timedelta(days=max(offsets))
    created = 0
    for consultation in Consultation.objects.published().filter(
        opens_at__lte=now, closes_at__gt=now, closes_at__lte=horizon
    ):
        days = _due_offset(consultation.closes_at - now, offsets)
        if days is None:
            continue
        users = (
            User.objects.filter(is_active=True)
            .filter(
                Q(follows__consultation=consultation)
                | Q(follows__chapter__consultation=consultation)
                | Q(contributions__consultation=consultation)
            )
            .distinct()
            .values_list("pk", "email")
        )
        created += notify_many(
            CONSULTATION_REMINDER,
            f"consultation:{consultation.pk}:{days}d",
            (
                Recipient(email=email, user_id=pk, payload={"consultation": consultation.pk})
                for pk, email in users.iterator(chunk_size=CHUNK)
            ),
        )
    return created


def application_reminders(now=None) -> int:
    now = now or timezone.now()
    days = settings.REMINDER_APPLICATION_DAYS
    created = 0
    for group in WorkingGroup.objects.filter(
        is_published=True,
        status=WorkingGroup.Status.OPEN,
        applications_close_at__gt=now,
        applications_close_at__lte=now + datetime.timedelta(days=days),
    ):
        users = (
            User.objects.filter(is_active=True)
            .filter(Q(follows__council=True) | Q(follows__working_group=group))
            .exclude(applications__group=group)
            .distinct()
            .values_list("pk", "email")
        )
        created += notify_many(
            APPLICATION_REMINDER,
            f"group:{group.pk}:{days}d",
            (
                Recipient(email=email, user_id=pk, payload={"group": group.pk})
                for pk, email in users.iterator(chunk_size=CHUNK)
            ),
        )
    return created


def render_consultation_reminder(notification):
    consultation = Consultation.objects.get(pk=notification.payload["consultation"])
    chapters = consultation.chapters.annotate(
        mine=Count("contributions", filter=Q(contributions__author_id=notification.user_id))
    ).order_by("number")
    days = consultation.days_left
    if days == 0:
        left = gettext("dernier jour")
    else:
        left = ngettext("plus que %(days)s jour", "plus que %(days)s jours", days) % {"days": days}
    return {
        "subject": gettext("%(left)s pour contribuer : %(title)s")
        % {"left": left.capitalize(), "title": consultation.title},
        "template": "emails/notifications/consultation_reminder",
        "context": {
            "consultation": consultation,
            "chapters": chapters,
            "left": left,
            "url": absolute_url(consultation.get_absolute_url()),
        },
    }


def render_application_reminder(notification):
    group = WorkingGroup.objects.get(pk=notification.payload["group"])
    return {
        "subject": gettext("Candidatures bientôt closes : %(group)s") % {"group": group.name},
        "template": "emails/notifications/application_reminder",
        "context": {"group": group, "url": absolute_url(group.get_absolute_url())},
    }


# --- Digests -----------------------------------------------------------------------------------


def _period(frequency: str, now) -> tuple[str, datetime.timedelta] | None:
    """The key of the digest due now for this frequency, or None if none is due yet."""
    local = timezone.localtime(now)
    if local.hour < settings.DIGEST_HOUR:
        return None
    if frequency == "daily":
        return f"daily:{local.date().isoformat()}", datetime.timedelta(days=1)
    if local.isoweekday() < settings.DIGEST_WEEKDAY:
        return None
    year, week, _ = local.isocalendar()
    return f"weekly:{year}-W{week:02d}", datetime.timedelta(days=7)


def digests(now=None) -> int:
    now = now or timezone.now()
    created = 0
    for frequency in ("daily", "weekly"):
        period = _period(frequency, now)
        if period is not None:
            created += _digests_for(frequency, period[0], period[1], now)
    created += staff_digest(now)
    return created


def _digests_for(frequency, key, length, now) -> int:
    """Build one frequency's digests in chunks: a fixed number of queries per chunk of users,
    whatever the number of subscribers, and users already served for this period skipped."""
    previous = (
        Notification.objects.filter(kind=DIGEST, user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    engaged = Exists(Follow.objects.filter(user=OuterRef("pk"))) | Exists(
        Contribution.objects.filter(author=OuterRef("pk"))
    )
    already = Exists(Notification.objects.filter(kind=DIGEST, key=key, email=OuterRef("email")))
    users = (
        User.objects.filter(is_active=True, digest_frequency=frequency)
        .filter(engaged)
        .exclude(already)
        .annotate(previous=Subquery(previous))
        .values_list("pk", "email", "previous")
        .order_by("pk")
    )
    opened, closing = _consultation_news(now - length, now)
    created, chunk = 0, []
    for row in users.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            created += _digest_chunk(chunk, key, length, now, opened, closing)
            chunk = []
    if chunk:
        created += _digest_chunk(chunk, key, length, now, opened, closing)
    return created


def _consultation_news(since, now):
    published = Consultation.objects.published()
    opened = list(
        published.filter(opens_at__gte=since, opens_at__lte=now).values_list("pk", flat=True)
    )
    closing = list(
        published.filter(
            opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + datetime.timedelta(days=7)
        ).values_list("pk", flat=True)
    )
    return opened, closing


def _digest_chunk(rows, key, length, now, opened, closing) -> int:
    starts = {pk: (previous or now - length) for pk, _, previous in rows}
    since = min(starts.values())
    ids = list(starts)
    follows = Follow.objects.filter(user_id__in=ids).values_list(
        "user_id", "consultation_id", "chapter_id"
    )
    chapters_of, consultations_of = {}, {}
    for user_id, consultation_id, chapter_id in follows:
        if chapter_id:
            chapters_of.setdefault(user_id, set()).add(chapter_id)
        if consultation_id:
            consultations_of.setdefault(user_id, set()).add(consultation_id)
    all_chapters = set().union(*chapters_of.values()) if chapters_of else set()
    all_consultations = set().union(*consultations_of.values()) if consultations_of else set()
    new = list(
        Contribution.objects.published()
        .filter(created_at__gte=since, created_at__lt=now)
        .filter(Q(chapter_id__in=all_chapters) | Q(consultation_id__in=all_consultations))
        .values_list("author_id", "chapter_id", "consultation_id", "created_at")
    )
    replies = (
        Contribution.objects.published()
        .filter(parent__author_id__in=ids, created_at__gte=since, created_at__lt=now)
        .values_list("parent__author_id", "author_id", "created_at")
    )
    reactions = Reaction.objects.filter(
        contribution__author_id__in=ids, created_at__gte=since, created_at__lt=now
    ).values_list("contribution__author_id", "created_at")
    followed_answers, own_answers = _answer_news(
        since, now, authors=ids, chapters=all_chapters, consultations=all_consultations
    )
    reply_count, reaction_count = {}, {}
    for author, replier, created_at in replies:
        if replier != author and created_at >= starts[author]:
            reply_count[author] = reply_count.get(author, 0) + 1
    for author, created_at in reactions:
        if created_at >= starts[author]:
            reaction_count[author] = reaction_count.get(author, 0) + 1

    recipients = []
    for pk, email, _ in rows:
        mine_chapters = chapters_of.get(pk, set())
        mine_consultations = consultations_of.get(pk, set())
        per_chapter = {}
        for author, chapter_id, consultation_id, created_at in new:
            if author == pk or created_at < starts[pk]:
                continue
            if chapter_id in mine_chapters or consultation_id in mine_consultations:
                per_chapter[chapter_id] = per_chapter.get(chapter_id, 0) + 1
        answers = {
            answer
            for answer, chapter_id, consultation_id, published_at in followed_answers
            if published_at >= starts[pk]
            and (chapter_id in mine_chapters or consultation_id in mine_consultations)
        }
        answers |= {a for a, published_at in own_answers.get(pk, ()) if published_at >= starts[pk]}
        payload = {
            "since": starts[pk].isoformat(),
            "chapters": per_chapter,
            "replies": reply_count.get(pk, 0),
            "reactions": reaction_count.get(pk, 0),
            "answers": sorted(answers),
            "opened": opened,
            "closing": closing,
        }
        news = per_chapter or answers or payload["replies"] or payload["reactions"]
        if news or opened or closing:
            recipients.append(Recipient(email=email, user_id=pk, payload=payload))
    return notify_many(DIGEST, key, recipients)


def _answer_news(since, now, *, authors, chapters, consultations):
    """The official answers published in the period of a chunk of digests, in two queries: those
    on the chapters and consultations its readers follow (answer, chapter, consultation,
    published at), and, by author, those answering their own contributions (answer, published
    at). Each reader's own period is applied by the caller."""
    published = OfficialAnswer.objects.filter(
        status=OfficialAnswer.Status.PUBLISHED, published_at__gte=since, published_at__lt=now
    )
    followed = []
    if chapters or consultations:
        followed = list(
            published.filter(
                Q(chapter_id__in=chapters) | Q(consultation_id__in=consultations)
            ).values_list("pk", "chapter_id", "consultation_id", "published_at")
        )
    own = {}
    for answer, author, published_at in (
        published.filter(contributions__author_id__in=authors)
        .values_list("pk", "contributions__author_id", "published_at")
        .distinct()
    ):
        own.setdefault(author, []).append((answer, published_at))
    return followed, own


def staff_digest(now=None) -> int:
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.DIGEST_HOUR:
        return 0
    queue = Contribution.objects.filter(
        Q(status=Contribution.Status.PENDING)
        | Q(status=Contribution.Status.PUBLISHED, flags__resolved_at__isnull=True, flag_count__gt=0)
    ).distinct()
    pending = Contribution.objects.filter(status=Contribution.Status.PENDING).count()
    flagged = queue.exclude(status=Contribution.Status.PENDING).count()
    if not pending and not flagged:
        return 0
    oldest = queue.order_by("created_at").values_list("created_at", flat=True).first()
    staff = User.objects.filter(is_active=True, groups__name=DNS_TEAM).values_list("pk", "email")
    payload = {"pending": pending, "flagged": flagged, "oldest": oldest.isoformat()}
    return notify_many(
        STAFF_DIGEST,
        f"staff:{local.date().isoformat()}",
        (Recipient(email=email, user_id=pk, payload=payload) for pk, email in staff),
    )


def render_digest(notification):
    from .models import Chapter

    payload = notification.payload
    chapters = Chapter.objects.filter(
        pk__in=[int(pk) for pk in payload["chapters"]]
    ).select_related("consultation")
    new = [(chapter, payload["chapters"][str(chapter.pk)]) for chapter in chapters]
    published = Consultation.objects.published()
    return {
        "subject": gettext("Les nouveautés de la concertation"),
        "template": "emails/notifications/digest",
        "context": {
            "new": [
                {"chapter": c, "count": n, "url": absolute_url(c.get_absolute_url())}
                for c, n in new
            ],
            "replies": payload["replies"],
            "reactions": payload["reactions"],
            # Digests recorded before official answers joined them have no "answers".
            "answers": _digest_answers(payload.get("answers", []), notification.user_id),
            "opened": published.filter(pk__in=payload["opened"]),
            "closing": published.filter(pk__in=payload["closing"]),
            "since": datetime.datetime.fromisoformat(payload["since"]),
            "account_url": absolute_url(reverse("account")),
        },
    }


def _digest_answers(pks, user_id) -> list[dict]:
    """The digest's official answers, oldest first, each with the page where it is read: the
    paragraph's panel for an answer on a paragraph; otherwise under the reader's own answered
    contribution, or the first one it answers."""
    if not pks:
        return []
    answered = Contribution.objects.published().select_related("paragraph").order_by("created_at")
    answers = (
        OfficialAnswer.objects.filter(pk__in=pks, status=OfficialAnswer.Status.PUBLISHED)
        .select_related("chapter__consultation", "paragraph")
        .prefetch_related(Prefetch("contributions", queryset=answered, to_attr="answered"))
        .order_by("published_at", "pk")
    )
    items = []
    for answer in answers:
        chapter_url = answer.chapter.get_absolute_url()
        mine = [c for c in answer.answered if c.author_id == user_id]
        if answer.paragraph_id:
            url = f"{chapter_url}?paragraphe={answer.paragraph.anchor}#reponse-{answer.pk}"
        elif answer.answered:
            shown = (mine or answer.answered)[0]
            query = f"?paragraphe={shown.paragraph.anchor}" if shown.paragraph_id else ""
            url = f"{chapter_url}{query}#reponse-{answer.pk}-{shown.pk}"
        else:
            url = chapter_url
        items.append(
            {
                "answer": answer,
                "state": answer.get_state_display(),
                # Plain words in both parts of the e-mail: the Markdown rendered, then untagged.
                "excerpt": Truncator(unescape(strip_tags(render_markdown(answer.body)))).words(40),
                "mine": bool(mine),
                "url": absolute_url(url),
            }
        )
    return items


def render_staff_digest(notification):
    payload = notification.payload
    return {
        "subject": ngettext(
            "Modération : %(pending)s en attente, %(flagged)s signalée",
            "Modération : %(pending)s en attente, %(flagged)s signalées",
            payload["flagged"],
        )
        % {"pending": payload["pending"], "flagged": payload["flagged"]},
        "template": "emails/notifications/staff_digest",
        "context": {
            **payload,
            "oldest": datetime.datetime.fromisoformat(payload["oldest"]),
            "queue_url": absolute_url(reverse("admin:concertation_contribution_changelist")),
        },
    }


def register():
    # Lazy labels: the registry lives as long as the process, the language changes per request.
    register_kind(
        CONSULTATION_REMINDER,
        gettext_lazy("les rappels avant la clôture des consultations"),
        render_consultation_reminder,
    )
    register_kind(
        APPLICATION_REMINDER,
        gettext_lazy("les rappels avant la fin des candidatures aux groupes de travail"),
        render_application_reminder,
    )
    register_kind(DIGEST, gettext_lazy("le récapitulatif des nouveautés"), render_digest)
    register_kind(STAFF_DIGEST, gettext_lazy("le récapitulatif de modération"), render_staff_digest)
    register_job("reminders", consultation_reminders)
    register_job("reminders", application_reminders)
    register_job("digests", digests)
    register_contribution_kinds()
    register_flag_surge()


# --- The notices of a contribution's lifecycle (written by services.lifecycle) ----------------

CONTRIBUTION_RECEIPT = "contribution_receipt"
REPLY_NOTICE = "reply_notice"
CONTRIBUTION_MODERATED = "contribution_moderated"
FLAG_OUTCOME = "flag_outcome"
OFFICIAL_ANSWER = "official_answer"
REWORDING_DECISION = "rewording_decision"


def _to(user, **payload) -> list[Recipient]:
    # No language: the account's, when the e-mail is written (esante.i18n.email_language).
    return [Recipient(email=user.email, user_id=user.pk, payload=payload)]


def contribution_received(contribution: Contribution) -> int:
    """The receipt to its author, published or held."""
    return notify_many(
        CONTRIBUTION_RECEIPT,
        f"contribution:{contribution.pk}",
        _to(contribution.author, contribution=contribution.pk),
    )


def reply_published(contribution: Contribution) -> int:
    """The notice to the author it answers, once, when a reply becomes public (at once, or when
    a moderator publishes it)."""
    parent = contribution.parent
    if parent is None or parent.author_id == contribution.author_id:
        return 0
    return notify_many(
        REPLY_NOTICE, f"reply:{contribution.pk}", _to(parent.author, contribution=contribution.pk)
    )


def contribution_moderated(contribution: Contribution) -> int:
    """The author told that their contribution is hidden or rejected, with the public reason;
    once per outcome (a second decision with the same outcome does not write again)."""
    return notify_many(
        CONTRIBUTION_MODERATED,
        f"{contribution.status}:{contribution.pk}",
        _to(
            contribution.author,
            contribution=contribution.pk,
            status=contribution.status,
            reason=contribution.moderation_reason,
            note=contribution.moderation_note,
        ),
    )


def flags_resolved(contribution: Contribution, flags) -> int:
    """Each flagger told once what became of the contribution they flagged, unless they said
    on their account page that they do not wish to be."""
    return sum(
        notify_many(
            FLAG_OUTCOME,
            f"flag:{flag.pk}",
            _to(flag.user, contribution=contribution.pk, status=contribution.status),
        )
        for flag in flags
        if flag.user.flag_outcome_notices and flag.user.is_active
    )


def answer_published(answer, contributions) -> int:
    """Each author whose contribution the published `answer` answers, told once per answer (one
    e-mail for several of their contributions), in their language."""
    by_author: dict[int, tuple] = {}
    for contribution in contributions:
        author = contribution.author
        if author.is_active:
            by_author.setdefault(author.pk, (author, []))[1].append(contribution.pk)
    return notify_many(
        OFFICIAL_ANSWER,
        f"answer:{answer.pk}",
        [
            Recipient(
                email=author.email,
                user_id=author.pk,
                payload={"answer": answer.pk, "contributions": pks},
            )
            for author, pks in by_author.values()
        ],
    )


def rewording_decided(contribution: Contribution) -> int:
    """The author of a rewording told what became of it, once per outcome."""
    return notify_many(
        REWORDING_DECISION,
        f"rewording:{contribution.pk}:{contribution.rewording_outcome}",
        _to(
            contribution.author,
            contribution=contribution.pk,
            outcome=contribution.rewording_outcome,
            version=contribution.rewording_version_id,
        ),
    )


def render_official_answer(notification):
    from .models import OfficialAnswer

    answer = OfficialAnswer.objects.select_related("chapter__consultation").get(
        pk=notification.payload["answer"]
    )
    contributions = list(
        Contribution.objects.select_related("chapter__consultation", "paragraph")
        .filter(pk__in=notification.payload["contributions"])
        .order_by("created_at")
    )
    return {
        "subject": gettext("Réponse officielle à votre contribution sur « %(chapter)s »")
        % {"chapter": answer.chapter.title},
        "template": "emails/notifications/official_answer",
        "context": {
            "answer": answer,
            "state": answer.get_state_display(),
            "contributions": [(c, absolute_url(c.get_absolute_url())) for c in contributions],
            "account_url": absolute_url(reverse("account")),
        },
    }


def render_rewording_decision(notification):
    from .models import RewordingOutcome

    contribution = _contribution(notification)
    outcome = notification.payload["outcome"]
    version = contribution.rewording_version
    return {
        "subject": gettext("Votre proposition de reformulation sur « %(chapter)s »")
        % {"chapter": contribution.chapter.title},
        "template": "emails/notifications/rewording_decision",
        "context": {
            "contribution": contribution,
            "outcome": RewordingOutcome(outcome).label,
            "accepted": outcome != RewordingOutcome.REJECTED,
            "version": version,
            "url": absolute_url(contribution.get_absolute_url()),
            "changes_url": absolute_url(
                reverse(
                    "concertation:chapter_versions",
                    kwargs={
                        "slug": contribution.chapter.consultation.slug,
                        "chapter": contribution.chapter.slug,
                    },
                )
            ),
        },
    }


def _contribution(notification) -> Contribution:
    return Contribution.objects.select_related("chapter__consultation", "paragraph").get(
        pk=notification.payload["contribution"]
    )


def render_contribution_receipt(notification):
    contribution = _contribution(notification)
    published = contribution.status == Contribution.Status.PUBLISHED
    return {
        "subject": (
            gettext("Votre contribution sur « %(chapter)s » est publiée")
            if published
            else gettext("Votre contribution sur « %(chapter)s » est enregistrée")
        )
        % {"chapter": contribution.chapter.title},
        "template": "emails/notifications/contribution_receipt",
        "context": {
            "contribution": contribution,
            "published": published,
            "url": absolute_url(contribution.get_absolute_url()),
        },
    }


def render_reply_notice(notification):
    contribution = _contribution(notification)
    return {
        "subject": gettext("Nouvelle réponse à votre contribution sur « %(chapter)s »")
        % {"chapter": contribution.chapter.title},
        "template": "emails/notifications/reply_notice",
        "context": {
            "contribution": contribution,
            "url": absolute_url(contribution.get_absolute_url()),
        },
    }


def _reason(payload) -> str:
    """The public reason of a decision, as the chapter page shows it."""
    from .moderation import REASON_LABELS

    label = str(REASON_LABELS.get(payload.get("reason", ""), ""))
    note = payload.get("note", "")
    return f"{label} ({note})" if label and note else label or note


def render_contribution_moderated(notification):
    contribution = _contribution(notification)
    hidden = notification.payload["status"] == Contribution.Status.HIDDEN
    return {
        "subject": (
            gettext("Votre contribution sur « %(chapter)s » a été masquée")
            if hidden
            else gettext("Votre contribution sur « %(chapter)s » a été rejetée")
        )
        % {"chapter": contribution.chapter.title},
        "template": "emails/notifications/contribution_moderated",
        "context": {
            "contribution": contribution,
            "hidden": hidden,
            "reason": _reason(notification.payload),
            # A rejected contribution is not shown at all: the chapter it was written on.
            "url": absolute_url(
                (contribution if hidden else contribution.chapter).get_absolute_url()
            ),
        },
    }


def render_flag_outcome(notification):
    contribution = _contribution(notification)
    status = notification.payload["status"]
    return {
        "subject": gettext("Votre signalement sur « %(chapter)s » a été examiné")
        % {"chapter": contribution.chapter.title},
        "template": "emails/notifications/flag_outcome",
        "context": {
            "contribution": contribution,
            "kept": status == Contribution.Status.PUBLISHED,
            "hidden": status == Contribution.Status.HIDDEN,
            "url": absolute_url(contribution.get_absolute_url()),
            "account_url": absolute_url(reverse("account")),
        },
    }


def register_contribution_kinds():
    register_kind(
        CONTRIBUTION_RECEIPT, gettext_lazy("les accusés de réception de vos contributions"),
        render_contribution_receipt,
    )  # fmt: skip
    register_kind(
        REPLY_NOTICE, gettext_lazy("les avis de réponse à vos contributions"), render_reply_notice
    )
    # The answer to what the author wrote, like a council decision: never stopped.
    register_kind(
        CONTRIBUTION_MODERATED,
        gettext_lazy("les décisions de modération sur vos contributions"),
        render_contribution_moderated,
        transactional=True,
    )
    register_kind(
        FLAG_OUTCOME,
        gettext_lazy("la suite donnée à vos signalements"),
        render_flag_outcome,
    )
    register_kind(
        OFFICIAL_ANSWER,
        gettext_lazy("les réponses officielles à vos contributions"),
        render_official_answer,
    )
    register_kind(
        REWORDING_DECISION,
        gettext_lazy("la suite donnée à vos propositions de reformulation"),
        render_rewording_decision,
    )


# --- Alert: a wave of flags (issue 15, finding 4) ------------------------------------------------

FLAG_SURGE = "flag_surge"


def flag_surge(contribution: Contribution, now=None) -> int:
    """The DNS team alerted that flags would have hidden more contributions this hour than the
    site hides on its own (services.lifecycle.auto_hide_brake_engaged): once an hour at most,
    whatever the number of contributions held back meanwhile."""
    now = now or timezone.now()
    if Notification.objects.filter(
        kind=FLAG_SURGE, created_at__gte=now - datetime.timedelta(hours=1)
    ).exists():
        return 0
    staff = User.objects.filter(is_active=True, groups__name=DNS_TEAM).values_list("pk", "email")
    payload = {"contribution": contribution.pk, "since": now.isoformat()}
    return notify_many(
        FLAG_SURGE,
        f"flag-surge:{now.isoformat()}",
        (Recipient(email=email, user_id=pk, payload=payload) for pk, email in staff),
    )


def render_flag_surge(notification):
    payload = notification.payload
    queue = Contribution.objects.filter(
        status=Contribution.Status.PUBLISHED, flags__resolved_at__isnull=True, flag_count__gt=0
    ).distinct()
    return {
        "subject": gettext("Alerte : vague de signalements sur la concertation"),
        "template": "emails/notifications/flag_surge",
        "context": {
            "limit": settings.FLAG_AUTO_HIDE_PER_HOUR,
            "flagged": queue.count(),
            "since": datetime.datetime.fromisoformat(payload["since"]),
            "queue_url": absolute_url(reverse("admin:concertation_contribution_changelist")),
        },
    }


def register_flag_surge():
    # For the DNS team only, about the site: transactional (never stopped by an unsubscription).
    register_kind(
        FLAG_SURGE,
        gettext_lazy("les alertes de vague de signalements"),
        render_flag_surge,
        transactional=True,
    )
