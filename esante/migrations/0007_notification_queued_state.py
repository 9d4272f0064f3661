"""Notification rows become the outbox: a "queued" state with the moment the row was handed to
the broker (the former `enqueued_at`), and an index on the rows not sent yet."""

from django.db import migrations, models


def queue_the_handed_over_rows(apps, schema_editor):
    """Rows already handed to the old outbox are "queued": if their message never reached a
    worker, the drain hands them again once they are overdue."""
    Notification = apps.get_model("esante", "Notification")
    Notification.objects.filter(status="pending", queued_at__isnull=False).update(status="queued")


class Migration(migrations.Migration):
    dependencies = [
        ("esante", "0006_notification_language_user_language"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="notification", name="notification_unqueued_idx"),
        migrations.RenameField(
            model_name="notification", old_name="enqueued_at", new_name="queued_at"
        ),
        migrations.AlterField(
            model_name="notification",
            name="queued_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="en file depuis le"),
        ),
        migrations.AlterField(
            model_name="notification",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "À envoyer"),
                    ("queued", "En file d'envoi"),
                    ("sent", "Envoyée"),
                    ("failed", "En échec"),
                ],
                db_index=True,
                default="pending",
                max_length=10,
                verbose_name="état",
            ),
        ),
        migrations.AlterModelOptions(
            name="notification",
            options={"verbose_name": "courriel", "verbose_name_plural": "courriels"},
        ),
        migrations.RunPython(queue_the_handed_over_rows, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("status__in", ["pending", "queued"])),
                fields=["created_at"],
                name="notification_unsent_idx",
            ),
        ),
    ]
