from django.db import migrations, models


def plural_as_before(apps, schema_editor):
    """The pages added an "s" to the singular: existing roadmaps keep what they showed."""
    Roadmap = apps.get_model("roadmap", "Roadmap")
    for roadmap in Roadmap.objects.only("axis_label"):
        roadmap.axis_label_plural = f"{roadmap.axis_label}s"
        roadmap.save(update_fields=["axis_label_plural"])


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="roadmap",
            name="axis_label_plural",
            field=models.CharField(
                default="Axes",
                help_text="« Orientations » pour #MaSanté2022, « Axes » pour 2023-2027.",
                max_length=40,
                verbose_name="nom des regroupements au pluriel",
            ),
        ),
        migrations.RunPython(plural_as_before, migrations.RunPython.noop),
    ]
