"""Turn each simple-history snapshot into one journal line with its diff (audit.AuditEntry).

The diff is computed once, when the change is made (one query for the previous snapshot, a few
for the names of related objects), so that the journal's list costs the same few queries
whatever its length. A snapshot that changes none of the tracked fields (a form saved as it
was, a role set to what it already was) is dropped, snapshot and line alike.
"""

import contextlib
import datetime
import json
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Max, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history import utils
from simple_history.models import ModelChange
from simple_history.signals import post_create_historical_record, pre_create_historical_record

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


def record_saved(instances) -> None:
    """What saving each of `instances` would record, for a batch written without save() (an
    UPDATE of many rows sends no signal): one snapshot each, its many-to-many rows, and its
    journal line with the diff against the object's previous snapshot; a snapshot that changes
    no tracked field is dropped, as in record(). The same rows as one save() each, in a few
    queries for the whole batch instead of a dozen per object (a thousand answers published at
    once). `instances`: objects of one audited model, as now stored, each once."""
    from .models import RECORDS, AuditEntry

    instances = list(instances)
    if not instances:
        return
    model = type(instances[0])
    if len({instance.pk for instance in instances}) != len(instances):
        raise ValueError("record_saved(): each object once per batch")
    records = RECORDS[model]
    history_model = getattr(model, records.manager_name).model
    snapshots = []
    for instance in instances:
        snapshot = history_model(
            history_date=getattr(instance, "_history_date", timezone.now()),
            history_type="~",
            history_user=records.get_history_user(instance),
            history_change_reason=records.get_change_reason_for_object(instance, "~", None),
            **{f.attname: getattr(instance, f.attname) for f in records.fields_included(instance)},
        )
        pre_create_historical_record.send(
            sender=history_model,
            instance=instance,
            history_date=snapshot.history_date,
            history_user=snapshot.history_user,
            history_change_reason=snapshot.history_change_reason,
            history_instance=snapshot,
            using=None,
        )
        snapshots.append(snapshot)
    history_model.objects.bulk_create(snapshots)
    m2m_fields = list(history_model._history_m2m_fields)
    for field in m2m_fields:
        _snapshot_m2m(records, field, instances, snapshots)

    pk_name = model._meta.pk.attname
    ids = [instance.pk for instance in instances]
    latest = (
        history_model.objects.filter(**{f"{pk_name}__in": ids})
        .exclude(history_id__in=[s.history_id for s in snapshots])
        .order_by()
        .values(pk_name)
        .annotate(last=Max("history_id"))
        .values("last")
    )
    previous = {
        getattr(row, pk_name): row
        for row in history_model.objects.filter(history_id__in=Subquery(latest))
    }
    m2m_rows = {
        field.name: _m2m_snapshot_rows(
            records.m2m_models[field],
            field,
            [s.history_id for s in (*snapshots, *previous.values())],
        )
        for field in m2m_fields
    }
    m2m_names = {field.name for field in m2m_fields}
    names = {}
    entries, dropped = [], []
    content_type = ContentType.objects.get_for_model(model)
    for instance, snapshot in zip(instances, snapshots, strict=True):
        old = previous.get(instance.pk)
        changes = []
        if old is not None:
            fields = {f.name for f in old.tracked_fields if f.editable} - m2m_names
            delta = snapshot._get_field_changes_for_diff(old, fields, False)
            for field in m2m_fields:
                rows = m2m_rows[field.name]
                before, after = rows.get(old.history_id, []), rows.get(snapshot.history_id, [])
                if before != after:
                    delta.append(ModelChange(field.name, before, after))
            delta.sort(key=lambda change: change.field)
            changes = _describe_changes(model, delta, names)
            if not changes:
                dropped.append(snapshot.history_id)
                continue
        user = snapshot.history_user
        entries.append(
            AuditEntry(
                created_at=snapshot.history_date,
                actor=user,
                actor_label=user.email if user is not None else "",
                action="~",
                content_type=content_type,
                object_id=str(instance.pk),
                object_repr=str(instance)[:300],
                changes=changes,
                history_id=snapshot.history_id,
            )
        )
    if dropped:
        history_model.objects.filter(history_id__in=dropped).delete()
    AuditEntry.objects.bulk_create(entries)


def _snapshot_m2m(records, field, instances, snapshots) -> None:
    """The many-to-many rows of each new snapshot, as create_historical_record_m2ms writes them
    (one query to read them for the whole batch, one to write them)."""
    m2m_model = records.m2m_models[field]
    through = getattr(type(instances[0]), field.name).through
    owner = utils.get_m2m_field_name(field)
    attnames = [f.attname for f in through._meta.fields]
    by_owner: dict = {}
    for row in through.objects.filter(**{f"{owner}__in": [i.pk for i in instances]}):
        by_owner.setdefault(getattr(row, f"{owner}_id"), []).append(row)
    rows = [
        m2m_model(history=snapshot, **{name: getattr(row, name) for name in attnames})
        for instance, snapshot in zip(instances, snapshots, strict=True)
        for row in by_owner.get(instance.pk, [])
    ]
    m2m_model.objects.bulk_create(rows)


def _m2m_snapshot_rows(m2m_model, field, history_ids) -> dict[int, list[dict]]:
    """The rows diff_against() compares, for many snapshots at once: by history id."""
    compared = [
        f.name
        for f in m2m_model._meta.fields
        if f.editable and f.name not in ["id", "m2m_history_id", "history"]
    ]
    found: dict[int, list[dict]] = {}
    rows = (
        m2m_model.objects.filter(history_id__in=history_ids)
        .order_by(utils.get_m2m_reverse_field_name(field))
        .values("history_id", *compared)
    )
    for row in rows:
        found.setdefault(row.pop("history_id"), []).append(row)
    return found


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


def _describe_diff(model, old, new, names=None) -> list[dict]:
    return _describe_changes(model, new.diff_against(old).changes, names)


def _describe_changes(model, changes, names=None) -> list[dict]:
    rows = []
    for change in changes:
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            old, new = _m2m_ids(field, change.old), _m2m_ids(field, change.new)
        else:
            old, new = change.old, change.new
        rows.append(_change(field, old, new, names))
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


def _change(field, old, new, names=None) -> dict:
    return {
        "name": field.name,
        "field": str(field.verbose_name),
        "old": _text(field, old, names),
        "new": _text(field, new, names),
    }


def _text(field, value, names=None) -> str:
    """The value as staff read it: a choice's label, a related object's name, Paris time.
    `names`: a dict kept by the caller across many values, so that a related object is read
    once for a whole batch (record_saved)."""
    if value is None or value == "":
        return ""
    if field.is_relation:
        key = (field.related_model, tuple(value) if field.many_to_many else value)
        if names is None or key not in names:
            text = _relation_text(field, value)
            if names is None:
                return text
            names[key] = text
        return names[key]
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


def _relation_text(field, value) -> str:
    if field.many_to_many:
        objects = field.related_model._default_manager.filter(pk__in=value)
        names = {obj.pk: str(obj) for obj in objects}
        return ", ".join(names.get(pk, f"n° {pk}") for pk in value)
    obj = field.related_model._default_manager.filter(pk=value).first()
    return str(obj)[:VALUE_MAX] if obj is not None else gettext("n° %s (supprimé)") % value


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


# --- A deleted account (RGPD art. 17) ----------------------------------------------------------

DELETED_ACCOUNT_LABEL = "Compte supprimé n° {pk}"


def deleted_account_label(pk: int) -> str:
    """How the journal names a deleted account: by its number, which every other line about it
    keeps (actor_id is emptied, object_id stays), so the staff decisions stay linkable."""
    return DELETED_ACCOUNT_LABEL.format(pk=pk)


def deleted_account_email(pk: int) -> str:
    return f"compte-supprime-{pk}@invalid"


def _json_forms(text: str) -> set[str]:
    # JSON columns may hold the text escaped (SQLite stores it ASCII-only: "Zo\u00e9").
    return {text, json.dumps(text)[1:-1]}


def account_objects(user) -> dict[type[models.Model], set[str]]:
    """The audited objects that point to `user` (their blocks, applications, contributions...),
    by model: their journal lines may carry the user's name in the object's description. Read
    before the deletion hands the contributions over or deletes the rest."""
    from esante.models import User

    from .models import AUDITED

    found = {}
    for model in AUDITED:
        keys = [
            f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is User
        ]
        if model is User or not keys:
            continue
        query = Q(pk__in=[])
        for key in keys:
            query |= Q(**{key: user})
        ids = {str(pk) for pk in model._default_manager.filter(query).values_list("pk", flat=True)}
        if ids:
            found[model] = ids
    return found


def account_forget(
    *, user_id: int, emails: set[str], names: set[str], objects: dict | None = None
) -> set[str]:
    """Erase a deleted account's addresses and names from the history and the journal, keeping
    every line: it is the trail of the staff's decisions (role changes, blocks, answers), which
    must outlive the person, but need not name them (RGPD art. 17 and 5-1-c).

    Called by esante.privacy.account_delete after the User row is gone, in its transaction, so
    that what the deletion itself recorded is covered too. The user's historical rows keep their
    roles and dates under a pseudonymous address (when someone was staff stays known); journal
    lines about them, or by them, read « Compte supprimé n° <id> ». Addresses are replaced
    wherever they appear; names only where they describe the user or `objects`
    (account_objects(), read before the deletion: a contribution is « Commentaire de <name> »)
    and in the values of fields pointing to them: a namesake elsewhere keeps their name.
    `emails`: every address the account had; `names`: its display names. Returns `emails`
    with those its history recorded."""
    from esante.models import User

    from .models import AUDITED, AuditEntry

    objects = {User: {str(user_id)}, **(objects or {})}
    label, pseudonym = deleted_account_label(user_id), deleted_account_email(user_id)
    user_history = User.audit_history.model.objects.filter(id=user_id)
    emails = {e.lower() for e in (*emails, *user_history.values_list("email", flat=True)) if e}
    emails.discard(pseudonym)
    names = {n for n in names if n and n.lower() not in emails}
    user_history.update(email=pseudonym)
    # Rows written while the account was being deleted by itself (the admin, a session still
    # open) point to a user that no longer exists; the delete emptied the earlier ones.
    for model in AUDITED:
        model.audit_history.model.objects.filter(history_user_id=user_id).update(history_user=None)

    about_user = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user_id))
    AuditEntry.objects.filter(about_user).update(object_repr=label)
    by_user = Q(actor_id=user_id)
    for email in emails:
        by_user |= Q(actor_label__iexact=email)
    AuditEntry.objects.filter(by_user).update(actor=None, actor_label=label)

    mentions = Q(pk__in=[])
    for text in emails | names:
        mentions |= Q(object_repr__icontains=text)
        for form in _json_forms(text):
            mentions |= Q(changes_text__icontains=form)
    entries = AuditEntry.objects.annotate(changes_text=Cast("changes", models.TextField()))
    email_pattern = re.compile("|".join(re.escape(e) for e in sorted(emails)), re.IGNORECASE)

    def scrub(text: str, *, with_names: bool) -> str:
        if email_pattern.pattern:
            text = email_pattern.sub(pseudonym, text)
        for name in names if with_names else ():
            text = text.replace(name, label)
        return text

    for entry in entries.filter(mentions).select_related("content_type"):
        model = entry.content_type.model_class()
        entry.object_repr = scrub(
            entry.object_repr, with_names=entry.object_id in objects.get(model, ())
        )
        for change in entry.changes:
            field = _field(model, change.get("name"))
            named = field is not None and field.is_relation and field.related_model in objects
            for side in ("old", "new"):
                change[side] = scrub(change.get(side) or "", with_names=named)
        entry.save(update_fields=["object_repr", "changes"])
    return emails


def _field(model, name):
    try:
        return model._meta.get_field(name) if model is not None and name else None
    except FieldDoesNotExist:
        return None
