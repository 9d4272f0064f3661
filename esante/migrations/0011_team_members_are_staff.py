"""The members of the DNS and ARS teams are staff (esante.auth.is_staff_member: the staff MFA
relies on it); from now on the signals of esante.auth keep it true. This fixes the members made
before, who may have joined a team without the flag (issue 15)."""

from django.db import migrations

TEAMS = ("Équipe DNS", "Équipe ARS")  # esante.roles, as they were when this was written


def team_members_are_staff(apps, schema_editor):
    User = apps.get_model("esante", "User")
    User.objects.filter(groups__name__in=TEAMS, is_staff=False).update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [
        ("esante", "0010_user_inactivity_warning_unsubscribe_key"),
    ]

    operations = [
        migrations.RunPython(team_members_are_staff, migrations.RunPython.noop, elidable=True),
    ]
