"""Turn each simple-history snapshot into one journal line with its diff (audit.AuditEntry).

The diff is computed once, when the change is made (one query for the previous snapshot, a few
for the names of related objects), so that the journal's list costs the same few queries
whatever its length. A snapshot that changes none of the tracked fields (a form saved as it
was, a role set to what it already was) is dropped, snapshot and line alike.
"""

import contextlib
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history import utils
from simple_history.signals import post_create_historical_record

VALUE_MAX = 300


def connect():
    post_create_historical_record.connect(record, dispatch_uid="audit_journal")


def record(sender, instance, history_instance, history_user, **kwargs):
    from .models import AUDITED, AuditEntry

    if sender._meta.app_label != "audit":
        return
    model = type(instance)
    spec = AUDITED[model]
    action = history_instance.history_type
    if action == "+":
        if not spec.creations:
            return  # kept as the baseline of later diffs, not a staff act
        changes = _describe_creation(model, history_instance)
    elif action == "~":
        previous = (
            sender.objects.filter(
                **{model._meta.pk.attname: instance.pk},
                history_id__lt=history_instance.history_id,
            )
            .order_by("-history_id")
            .first()
        )
        changes = [] if previous is None else _describe_diff(model, previous, history_instance)
        if previous is not None and not changes:
            history_instance.delete()
            return
    else:
        changes = []
    AuditEntry.objects.create(
        created_at=history_instance.history_date,
        actor=history_user,
        actor_label=history_user.email if history_user is not None else "",
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
        history_id=history_instance.history_id,
    )


def _describe_creation(model, snapshot) -> list[dict]:
    rows = []
    for field in _tracked(model, snapshot):
        if field.many_to_many:
            new = _m2m_values(field, getattr(snapshot, field.name).all())
        else:
            new = getattr(snapshot, field.attname)
        if new in (None, "", []):
            continue
        rows.append(_change(field, None, new))
    return rows


def _describe_diff(model, old, new) -> list[dict]:
    delta = new.diff_against(old)
    rows = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            rows.append(_change(field, _m2m_ids(field, change.old), _m2m_ids(field, change.new)))
        else:
            rows.append(_change(field, change.old, change.new))
    return rows


def _tracked(model, snapshot):
    names = {f.name for f in snapshot.tracked_fields} | {
        f.name for f in snapshot._history_m2m_fields
    }
    return [
        f
        for f in model._meta.get_fields()
        if f.name in names and f.concrete and f.name != model._meta.pk.name
    ]


def _m2m_values(field, rows) -> list:
    key = utils.get_m2m_reverse_field_name(field)
    return sorted(getattr(row, f"{key}_id") for row in rows)


def _m2m_ids(field, rows) -> list:
    key = utils.get_m2m_reverse_field_name(field)
    return sorted(row[key] for row in rows)


def _change(field, old, new) -> dict:
    return {
        "name": field.name,
        "field": str(field.verbose_name),
        "old": _text(field, old),
        "new": _text(field, new),
    }


def _text(field, value) -> str:
    """The value as staff read it: a choice's label, a related object's name, Paris time."""
    if value is None or value == "":
        return ""
    if field.many_to_many:
        objects = field.related_model._default_manager.filter(pk__in=value)
        names = {obj.pk: str(obj) for obj in objects}
        return ", ".join(names.get(pk, f"n° {pk}") for pk in value)
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj)[:VALUE_MAX] if obj is not None else gettext("n° %s (supprimé)") % value
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("oui") if value else gettext("non")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d/m/Y")
    text = str(value)
    return text if len(text) <= VALUE_MAX else text[: VALUE_MAX - 1] + "…"


class _Request:
    def __init__(self, user):
        self.user = user


@contextlib.contextmanager
def acting_as(user):
    """The author of the changes made inside, for code that runs outside a request and knows who
    acts (a management command run by a named staff member). Tasks and commands that do not say
    are recorded with no author, as automatic."""
    from simple_history.models import HistoricalRecords

    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = _Request(user)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous
