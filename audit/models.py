"""Who changed what, and when: the history of published content and of every staff action.

django-simple-history keeps a snapshot of each audited model at every change, in tables of
this app (`simple_history.register(Model, app="audit")`): the audited apps' models and
migrations are untouched. Its HistoryRequestMiddleware gives the request's user; a Celery task
or a management command has none (recorded as such). Each snapshot that changes something also
writes one `AuditEntry`, the line the « Journal d'audit » shows: author, object and the changed
fields, old → new (audit.journal). One table for all models, so that the journal is one list
with filters and a constant number of queries, rather than a union of thirty history tables.

What is left out of the snapshots, and why:
- secrets and churn: the password, last_login, tokens;
- personal data that is not a staff decision: a contribution's text and author, an
  application's motivation, a registration's name and e-mail (the RGPD deletion erases them
  from their own tables; a copy here would outlive it);
- bulky derived rows: paragraph texts (the chapter version they come from is audited), the
  notification rows and their payloads (the outbox keeps its own states), reactions and flags
  (citizens' acts, counted on the contribution).
"""

from dataclasses import dataclass

import simple_history
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from concertation.council.models import Application, CouncilMeeting, Deliverable, WorkingGroup
from concertation.models import (
    AnswerTemplate,
    Chapter,
    ChapterVersion,
    Consultation,
    Contribution,
    ContributorBlock,
    OfficialAnswer,
    Synthesis,
)
from duplicates.models import DuplicateMark
from esante.models import Region, User
from events.models import AgendaItem, Event, EventDocument, Registration, Speaker
from roadmap.models import (
    Action,
    Axis,
    Milestone,
    NewsItem,
    Programme,
    RegionalIndicator,
    Roadmap,
)

MANAGER = "audit_history"
# The records of each audited model (audit.journal.record_saved() writes their snapshots in bulk).
RECORDS: dict[type[models.Model], "AuditedRecords"] = {}


class AuditedRecords(HistoricalRecords):
    """simple-history's records, with two changes.

    A save that names its fields (`save(update_fields=[...])`) and touches none of the tracked
    ones writes no snapshot: a user's last_login or a contribution's flag counter would
    otherwise fill the tables. A many-to-many change made from the other side
    (`region.editors.add(user)`) is recorded on the audited objects, not on the region."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            RECORDS[sender] = self

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields is not None:
            tracked = {f.name for f in self.fields_included(instance)}
            if tracked.isdisjoint(update_fields):
                return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action not in ("post_add", "post_remove") or not pk_set:
            # A reverse clear() gives no primary keys: nothing in the project clears from the
            # other side (roles are set on the user's form).
            return None
        for obj in kwargs["model"]._default_manager.filter(pk__in=pk_set):
            self.create_historical_record(obj, "~")
        return None


@dataclass(frozen=True)
class Audited:
    """How a model is audited: `only` the fields that matter (None: all but `exclude`),
    its many-to-many fields, and whether its creation is a staff act worth a journal line
    (a citizen's contribution or registration is not; its later moderation is)."""

    only: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    m2m: tuple[str, ...] = ()
    creations: bool = True


AUDITED: dict[type[models.Model], Audited] = {
    # Concertation: texts, answers, syntheses, moderation.
    Consultation: Audited(),
    # Derived columns (concertation.services.counters, concertation.models.rendered): no act.
    Chapter: Audited(exclude=("published_count", "thread_count")),
    # Derived column (the search vector, filled by a trigger: concertation migration 0010).
    ChapterVersion: Audited(exclude=("search_vector",)),
    AnswerTemplate: Audited(),
    OfficialAnswer: Audited(exclude=("body_html", "markdown_version"), m2m=("contributions",)),
    Synthesis: Audited(exclude=("updated_at",)),
    Contribution: Audited(
        only=(
            "status",
            "held_reason",
            "moderation_reason",
            "moderation_note",
            "moderated_at",
            "answer_state",
            "answered_at",
            "rewording_outcome",
            "rewording_version",
        ),
        creations=False,
    ),
    ContributorBlock: Audited(),
    # The Conseil du Numérique en Santé.
    CouncilMeeting: Audited(m2m=("consultations",)),
    WorkingGroup: Audited(m2m=("leads",)),
    Deliverable: Audited(),
    Application: Audited(
        only=("group", "status", "decision_message", "decided_at", "decided_by"),
        creations=False,
    ),
    # Events, and the status of each registration (cancellations included).
    Event: Audited(exclude=("created_at", "updated_at"), m2m=("programmes",)),
    AgendaItem: Audited(),
    Speaker: Audited(),
    EventDocument: Audited(),
    Registration: Audited(
        only=("event", "status", "confirmed_at", "waitlisted_at", "promoted_at", "cancelled_at"),
        creations=False,
    ),
    # Roadmap content.
    Roadmap: Audited(),
    Axis: Audited(),
    Action: Audited(),
    Milestone: Audited(),
    Programme: Audited(),
    RegionalIndicator: Audited(),
    NewsItem: Audited(),
    # Who gets an answer (issue 18): a contribution marked as a duplicate shares its original's.
    DuplicateMark: Audited(),
    # Regions and roles.
    Region: Audited(),
    User: Audited(
        # "region" too: simple-history applies the excluded names to the through tables'
        # columns as well, and editor_regions' through table has a "region" column.
        only=("email", "is_active", "is_staff", "is_superuser", "region"),
        m2m=("groups", "editor_regions"),
        creations=False,
    ),
}


def _excluded(model, spec: Audited) -> list[str]:
    if spec.only is None:
        return list(spec.exclude)
    keep = {*spec.only, model._meta.pk.name}
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in keep and not isinstance(f, models.ManyToManyField)
    ]


for _model, _spec in AUDITED.items():
    simple_history.register(
        _model,
        app="audit",
        manager_name=MANAGER,
        records_class=AuditedRecords,
        excluded_fields=_excluded(_model, _spec),
        m2m_fields=list(_spec.m2m),
        # The audit outlives what it speaks of: a deleted object keeps its history.
        cascade_delete_history=False,
        user_related_name="+",
    )


class AuditEntry(models.Model):
    """One line of the journal: a change to an audited object, by whom, and its diff.

    Written only by audit.journal when simple-history records a snapshot; never edited
    (the admin refuses every write)."""

    class Action(models.TextChoices):
        CREATED = "+", _("création")
        CHANGED = "~", _("modification")
        DELETED = "-", _("suppression")

    created_at = models.DateTimeField(_("date"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as written: the journal still names the author after the account is gone.
    actor_label = models.CharField(_("auteur"), max_length=254, blank=True)
    action = models.CharField(_("opération"), max_length=1, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type d'objet"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("identifiant"), max_length=64)
    object_repr = models.CharField(_("objet"), max_length=300)
    # [{"field": verbose name, "name": field name, "old": text, "new": text}, ...]
    changes = models.JSONField(_("changements"), default=list)
    history_id = models.BigIntegerField(_("version enregistrée"))

    class Meta:
        verbose_name = _("entrée du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.get_action_display()} — {self.object_repr}"
