"""The generic outbox table goes: every e-mail is now a Notification row, which is its own
outbox. Its unpublished messages would be lost with it, so the migration refuses to run while
there are any (the rows of notifications are covered: 0007 made them "queued")."""

from django.db import migrations

SEND_NOTIFICATION = "esante.tasks.send_notification"


def refuse_while_messages_wait(apps, schema_editor):
    OutboxMessage = apps.get_model("esante", "OutboxMessage")
    waiting = (
        OutboxMessage.objects.filter(published_at__isnull=True)
        .exclude(task=SEND_NOTIFICATION)
        .count()
    )
    if waiting:
        raise RuntimeError(
            f"{waiting} message(s) of the old outbox are not published yet: run "
            "`python manage.py drain_outbox` with the previous version, let the workers empty "
            "the queue, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("esante", "0007_notification_queued_state"),
    ]

    operations = [
        migrations.RunPython(refuse_while_messages_wait, migrations.RunPython.noop),
        migrations.DeleteModel(name="OutboxMessage"),
    ]
