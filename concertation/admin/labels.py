"""How the concertation's admin names things to the DNS team, in French: a chapter always with
its consultation, a contribution by its number and its first words, a moderation log entry as
sentences instead of its JSON, moments in Paris time."""

import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from esante.i18n import date_in_words

from ..models import (
    AnswerState,
    Chapter,
    ChapterVersion,
    Contribution,
    RewordingOutcome,
)
from ..moderation import REASON_LABELS

DASH = "—"


def chapter_label(chapter, consultation=None) -> str:
    """« Doctrine technique 2019 — 3. Identité numérique »: chapter numbers start again in each
    consultation, so a chapter alone is ambiguous. Pass `consultation` when the caller holds it
    already (a contribution's), so that no query is made for it."""
    consultation = consultation or chapter.consultation
    return f"{consultation.title} — {chapter}"


def version_label(version, chapter=None) -> str:
    chapter = chapter or version.chapter
    return gettext("%(chapter)s — version %(number)s") % {
        "chapter": chapter_label(chapter),
        "number": version.number,
    }


def excerpt(text: str, length: int = 80) -> str:
    text = " ".join((text or "").split())
    return text[:length] + ("…" if len(text) > length else "")


def contribution_label(contribution) -> str:
    """« n° 42 — Sur l'identité numérique… (Doctrine 2019 — 3. Identité numérique) »: what the
    team needs to recognise one contribution among thousands in a select or a list."""
    return gettext("n° %(pk)s — %(excerpt)s (%(chapter)s)") % {
        "pk": contribution.pk,
        "excerpt": excerpt(contribution.body, 60),
        "chapter": chapter_label(contribution.chapter, contribution.consultation),
    }


def paris(value, fmt="j F Y à H:i") -> str:
    """A stored moment (aware, UTC) as the team reads it: Paris time, in words."""
    return date_in_words(value, fmt) if value else DASH


def reason_label(code: str) -> str:
    """A moderation reason by its public French label (the log stores its code)."""
    if not code:
        return DASH
    if code == Contribution.HeldReason.FLAGS:
        return str(Contribution.HeldReason.FLAGS.label)
    return str(REASON_LABELS.get(code, code))


class ChapterFilter(admin.SimpleListFilter):
    """Chapters named with their consultation. The parameter is the one Django's own filter on
    `chapter` used, so that links and bookmarks made with it still work."""

    title = _("chapitre")
    parameter_name = "chapter__id__exact"

    def lookups(self, request, model_admin):
        chapters = Chapter.objects.select_related("consultation").order_by(
            "-consultation__opens_at", "consultation_id", "number"
        )
        return [(str(c.pk), chapter_label(c)) for c in chapters]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(chapter_id=int(value))
        return queryset


class ReasonFilter(admin.SimpleListFilter):
    title = _("motif")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return [*REASON_LABELS.items(), ("flags", Contribution.HeldReason.FLAGS.label)]

    def queryset(self, request, queryset):
        return queryset.filter(reason=self.value()) if self.value() else queryset


# --- The moderation log, in sentences ------------------------------------------------------------

FIELD_LABELS = {
    "status": _("Statut"),
    "moderation_reason": _("Motif"),
    "moderation_note": _("Précision"),
    "answer_state": _("Réponse officielle"),
    "rewording_outcome": _("Suite donnée à la reformulation"),
    "rewording_version": _("Version qui l'intègre"),
    "until": _("Bloqué jusqu'au"),
    # The correction of a published official answer.
    "body": _("Texte de la réponse"),
    "team": _("Équipe qui répond"),
    "version": _("Version qui en tient compte"),
}
VERSION_KEYS = ("rewording_version", "version")


def _value_label(key, value, versions) -> str:
    if value in (None, ""):
        if key == "answer_state":
            return gettext("sans réponse")
        if key == "until":
            return gettext("sans fin")
        return DASH
    if key == "status":
        return str(dict(Contribution.Status.choices).get(value, value))
    if key == "moderation_reason":
        return reason_label(value)
    if key == "answer_state":
        return str(dict(AnswerState.choices).get(value, value))
    if key == "rewording_outcome":
        return str(dict(RewordingOutcome.choices).get(value, value))
    if key in VERSION_KEYS:
        version = versions.get(value)
        if version is None:
            return gettext("une version du chapitre")
        return gettext("version %(number)s") % {"number": version.number}
    if key == "body":
        return Truncator(value).chars(300)
    if key == "until":
        try:
            moment = datetime.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return str(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return paris(moment)
    return str(value)


def log_lines(log, versions=None) -> list[str]:
    """The change a log entry records, one French sentence a field: « Statut : Publiée →
    Masquée ». `versions` maps the chapter versions it names by pk (read in one query for a
    whole page by `versions_of`); without it the version is named without its number."""
    versions = versions or {}
    before, after = log.before or {}, log.after or {}
    lines = []
    for key in [k for k in FIELD_LABELS if k in before or k in after]:
        label = FIELD_LABELS[key]
        new = _value_label(key, after.get(key), versions)
        if key in before and before.get(key) != after.get(key):
            old = _value_label(key, before.get(key), versions)
            lines.append(f"{label} : {old} → {new}")
        elif key in before:
            continue  # unchanged: nothing to say
        else:
            lines.append(f"{label} : {new}")
    if after.get("answer"):
        lines.append(gettext("Réponse officielle n° %(pk)s") % {"pk": after["answer"]})
    if fields := after.get("fields"):
        names = []
        for name in fields:
            try:
                names.append(str(Contribution._meta.get_field(name).verbose_name))
            except Exception:  # a field since renamed: its name is still better than nothing
                names.append(name)
        lines.append(gettext("Champs modifiés : %(fields)s") % {"fields": ", ".join(names)})
    return lines


def versions_of(logs) -> dict:
    """The chapter versions the rewording decisions of these entries name, in one query."""
    pks = {
        value
        for log in logs
        for side in (log.before or {}, log.after or {})
        for key in VERSION_KEYS
        if (value := side.get(key))
    }
    if not pks:
        return {}
    return {v.pk: v for v in ChapterVersion.objects.filter(pk__in=pks)}


def log_html(log, versions=None):
    lines = log_lines(log, versions)
    if not lines:
        return DASH
    return format_html_join("", "<div>{}</div>", ((line,) for line in lines))
