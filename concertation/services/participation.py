"""Writes of the participants: contributions (with the personal-data guard and the charter),
their edits and withdrawals, reactions, flags and follows."""

import functools
import html
import re

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from esante.models import User

from .. import notifications
from .. import rules as concertation_rules
from ..models import (
    Chapter,
    CharterAcceptance,
    Consultation,
    Contribution,
    Flag,
    Follow,
    Paragraph,
    ParagraphText,
    Reaction,
)
from ..personal_data import find_personal_data
from . import lifecycle


class PersonalDataWarning(ValidationError):
    """The text looks like it holds personal data: the author must confirm before it is sent."""

    def __init__(self, found: list[str]):
        self.found = found
        super().__init__(
            gettext(
                "Votre texte semble contenir %(found)s. Pour protéger les données personnelles et "
                "de santé (article 9 du RGPD), il sera relu par la modération avant d'être publié. "
                "Vous pouvez le modifier, ou confirmer l'envoi."
            )
            % {"found": _and_join(found)},
            code="personal_data",
        )


def _staff_note(found) -> str:
    """What the personal-data guard found, for the moderation log: staff read it in French."""
    with translation.override(settings.LANGUAGE_CODE):
        return ", ".join(str(kind) for kind in found)


def _and_join(items: list[str]) -> str:
    """« a et b et c », each pair joined by a translatable phrase."""
    return functools.reduce(
        lambda first, second: (
            gettext("%(first)s et %(second)s") % {"first": first, "second": second}
        ),
        items,
    )


# --- Contributions ------------------------------------------------------------------------------

TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
JS_URL_RE = re.compile(r"(?i)(?:java|vb)script\s*:|data\s*:\s*text/html")


def clean_text(value: str, *, field: str, required: bool = True) -> str:
    """Validate and neutralise user text: no null byte, no script, bounded, not blank."""
    value = (value or "").replace("\r\n", "\n")
    if "\x00" in value:
        raise ValidationError({field: gettext("Le texte contient un caractère non autorisé.")})
    value = value.strip()
    if required and not value:
        raise ValidationError({field: gettext("Le texte est vide : écrivez votre contribution.")})
    limit = settings.CONTRIBUTION_MAX_LENGTH
    if len(value) > limit:
        raise ValidationError(
            {
                field: gettext(
                    "Le texte dépasse %(limit)s caractères (%(length)s) : raccourcissez-le."
                )
                % {"limit": limit, "length": len(value)}
            }
        )
    if JS_URL_RE.search(value):
        raise ValidationError(
            {field: gettext("Les liens « javascript: » ou « data: » ne sont pas acceptés.")}
        )
    if TAG_RE.search(value):
        # Raw HTML is not part of the accepted Markdown: keep the text, drop every tag.
        value = html.unescape(nh3.clean(value, tags=set())).strip()
        if TAG_RE.search(value) or not value:
            raise ValidationError(
                {field: gettext("Le HTML n'est pas accepté : écrivez en texte simple.")}
            )
    return value


REWORDING_MISSING = gettext_lazy(
    "Écrivez la nouvelle rédaction que vous proposez pour ce paragraphe."
)


def _clean_rewording(proposed_text: str, *, current: str) -> str:
    """The new wording of a paragraph: written, and different from the text it rewords
    (compared without regard to spacing, which the page does not show)."""
    if not (proposed_text or "").strip():
        raise ValidationError({"proposed_text": str(REWORDING_MISSING)}, code="required")
    proposed_text = clean_text(proposed_text, field="proposed_text")
    if proposed_text.split() == (current or "").split():
        raise ValidationError(
            {
                "proposed_text": gettext(
                    "Cette rédaction est identique au texte actuel du paragraphe : modifiez-la, "
                    "ou choisissez le type « Commentaire »."
                )
            },
            code="unchanged",
        )
    return proposed_text


def charter_accept(*, user: User, consultation: Consultation) -> None:
    CharterAcceptance.objects.get_or_create(user=user, consultation=consultation)


def has_accepted_charter(*, user: User, consultation: Consultation) -> bool:
    return CharterAcceptance.objects.filter(user=user, consultation=consultation).exists()


@transaction.atomic
def contribution_create(
    *,
    user: User,
    chapter: Chapter,
    body: str,
    kind: str = Contribution.Kind.COMMENT,
    paragraph: Paragraph | None = None,
    parent: Contribution | None = None,
    proposed_text: str = "",
    is_anonymous: bool = False,
    accept_charter: bool = False,
    confirm_personal_data: bool = False,
) -> Contribution:
    consultation = chapter.consultation
    concertation_rules.ensure("concertation.contribute", user, consultation)
    if kind not in Contribution.Kind.values:
        raise ValidationError({"kind": gettext("Type de contribution inconnu.")})
    if paragraph is not None and paragraph.chapter_id != chapter.pk:
        raise ValidationError(gettext("Ce paragraphe n'appartient pas à ce chapitre."))
    current_text = (
        ParagraphText.objects.filter(version_id=chapter.current_version_id, paragraph=paragraph)
        .values_list("text", flat=True)
        .first()
        if paragraph is not None
        else None
    )
    if paragraph is not None and current_text is None:
        raise ValidationError(
            gettext(
                "Ce paragraphe n'existe plus dans la version en ligne du chapitre : rechargez la "
                "page."
            )
        )
    if parent is not None:
        if parent.chapter_id != chapter.pk:
            raise ValidationError(
                gettext("La contribution à laquelle vous répondez est introuvable.")
            )
        if parent.parent_id is not None:
            parent = parent.parent  # Threads are one level deep: answer the thread's start.
        # What the gate says of the parent (not published) is said beside the form.
        if refusal := concertation_rules.why_not("concertation.reply", user, parent):
            raise ValidationError(refusal)
        paragraph, kind = parent.paragraph, Contribution.Kind.COMMENT
    body = clean_text(body, field="body")
    if kind == Contribution.Kind.REWORDING:
        # Not on the whole chapter: a rewording is shown as a word diff against the text it
        # replaces, readable for a paragraph and not for a chapter; and a paragraph keeps its
        # anchor across versions, so the proposal stays attached to what it rewords.
        if paragraph is None:
            raise ValidationError(
                gettext(
                    "Une reformulation porte sur un paragraphe précis. Choisissez « Contribuer » "
                    "sous le paragraphe à reformuler."
                )
            )
        proposed_text = _clean_rewording(proposed_text, current=current_text)
    else:
        proposed_text = ""
    if not has_accepted_charter(user=user, consultation=consultation):
        if not accept_charter:
            raise ValidationError(
                {"accept_charter": gettext("Acceptez la charte de modération pour contribuer.")}
            )
        charter_accept(user=user, consultation=consultation)
    found = find_personal_data(f"{body}\n{proposed_text}", already_published=current_text or "")
    if found and not confirm_personal_data:
        raise PersonalDataWarning(found)

    contribution = Contribution(
        consultation=consultation,
        chapter=chapter,
        version_id=chapter.current_version_id,
        paragraph=paragraph,
        parent=parent,
        author=user,
        is_anonymous=is_anonymous,
        kind=kind,
        body=body,
        proposed_text=proposed_text,
    )
    # Its state, the log of a hold and its notices, written in this transaction.
    lifecycle.contribution_move(
        contribution=contribution,
        action=lifecycle.SUBMIT,
        actor=user,
        held_reason=Contribution.HeldReason.PERSONAL_DATA if found else "",
        note="Détecté : " + _staff_note(found) if found else "",
    )
    return contribution


@transaction.atomic
def contribution_edit(
    *, user: User, contribution: Contribution, body: str, proposed_text: str = ""
) -> Contribution:
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    concertation_rules.ensure("concertation.edit_contribution", user, contribution)
    contribution.body = clean_text(body, field="body")
    fields = ["body", "edited_at"]
    current = ""
    if contribution.kind == Contribution.Kind.REWORDING:
        current = (
            ParagraphText.objects.filter(
                version_id=contribution.version_id, paragraph_id=contribution.paragraph_id
            )
            .values_list("text", flat=True)
            .first()
        )
        contribution.proposed_text = _clean_rewording(proposed_text, current=current)
        fields.append("proposed_text")
    found = find_personal_data(
        f"{contribution.body}\n{contribution.proposed_text}",
        already_published=current or "",
    )
    return lifecycle.contribution_move(
        contribution=contribution,
        action=lifecycle.EDIT,
        actor=user,
        held_reason=Contribution.HeldReason.PERSONAL_DATA if found else "",
        note="Détecté après modification : " + _staff_note(found) if found else "",
        changed_fields=tuple(fields),
    )


@transaction.atomic
def contribution_withdraw(*, user: User, contribution: Contribution) -> None:
    # Locked and read again: a moderator's decision made meanwhile must not be withdrawn over.
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    lifecycle.contribution_move(contribution=contribution, action=lifecycle.WITHDRAW, actor=user)


# --- Reactions, flags, follows ------------------------------------------------------------------

COUNTER = {Reaction.Value.AGREE: "agree_count", Reaction.Value.DISAGREE: "disagree_count"}


@transaction.atomic
def reaction_set(*, user: User, contribution: Contribution, value: str) -> str | None:
    """Agree or disagree; the same choice again takes the reaction back. Returns the new value."""
    if value not in COUNTER:
        raise ValidationError(gettext("Réaction inconnue."))
    concertation_rules.ensure("concertation.react", user, contribution)
    # Lock the contribution row: concurrent reactions must keep the counters exact.
    Contribution.objects.select_for_update().filter(pk=contribution.pk).first()
    existing = Reaction.objects.filter(contribution=contribution, user=user).first()
    changes = {}
    if existing is not None:
        changes[COUNTER[existing.value]] = F(COUNTER[existing.value]) - 1
        existing.delete()
    new_value = None
    if existing is None or existing.value != value:
        Reaction.objects.create(contribution=contribution, user=user, value=value)
        changes[COUNTER[value]] = F(COUNTER[value]) + 1
        new_value = value
    Contribution.objects.filter(pk=contribution.pk).update(**changes)
    contribution.refresh_from_db(fields=["agree_count", "disagree_count"])
    return new_value


@transaction.atomic
def flag_create(*, user: User, contribution: Contribution, reason: str, note: str = "") -> Flag:
    concertation_rules.ensure("concertation.flag", user, contribution)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": gettext("Choisissez un motif de signalement.")})
    note = clean_text(note, field="note", required=False)[:500]
    try:
        with transaction.atomic():
            flag = Flag.objects.create(
                contribution=contribution, user=user, reason=reason, note=note
            )
    except IntegrityError:
        raise ValidationError(gettext("Vous avez déjà signalé cette contribution.")) from None
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    contribution.flag_count = F("flag_count") + 1
    contribution.save(update_fields=["flag_count"])
    contribution.refresh_from_db(fields=["flag_count"])
    if lifecycle.flags_threshold_reached(contribution):
        if lifecycle.auto_hide_brake_engaged():
            # Too many automatic hidings this hour across the site: this one stays published,
            # in the moderators' queue with its flags, and the DNS team is alerted (once an hour).
            notifications.flag_surge(contribution)
        else:
            lifecycle.contribution_move(
                contribution=contribution,
                action=lifecycle.AUTO_HIDE,
                actor=None,
                note=f"{contribution.flag_count} signalements",
            )
    return flag


@transaction.atomic
def follow_toggle(
    *,
    user: User,
    consultation: Consultation | None = None,
    chapter: Chapter | None = None,
    working_group=None,
    council: bool = False,
) -> bool:
    """Follow, or stop following, exactly one target; returns whether the user now follows it."""
    targets = [consultation, chapter, working_group, council or None]
    if sum(target is not None for target in targets) != 1:
        raise ValueError("Follow exactly one target.")
    concertation_rules.ensure("concertation.follow", user, consultation or chapter or working_group)
    lookup = {
        "user": user,
        "consultation": consultation,
        "chapter": chapter,
        "working_group": working_group,
        "council": council,
    }
    deleted, _ = Follow.objects.filter(**lookup).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(**lookup)
    return True
