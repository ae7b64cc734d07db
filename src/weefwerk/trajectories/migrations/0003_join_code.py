from django.db import migrations, models

import weefwerk.trajectories.models


def give_each_meeting_a_code(apps, schema_editor):
    Meeting = apps.get_model("trajectories", "Meeting")
    used = set()
    for meeting in Meeting.objects.only("pk"):
        code = weefwerk.trajectories.models.new_join_code()
        while code in used:
            code = weefwerk.trajectories.models.new_join_code()
        used.add(code)
        Meeting.objects.filter(pk=meeting.pk).update(join_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("trajectories", "0002_planning_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="join_code",
            field=models.CharField(editable=False, max_length=12, null=True),
        ),
        migrations.RunPython(give_each_meeting_a_code, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="meeting",
            name="join_code",
            field=models.CharField(
                default=weefwerk.trajectories.models.new_join_code,
                editable=False,
                max_length=12,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="joining_open",
            field=models.BooleanField(
                default=True, verbose_name="aanmelden via de code staat open"
            ),
        ),
    ]
