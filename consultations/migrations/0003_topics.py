"""The fixed list of consultation topics, so forms and filters always have them."""

from django.db import migrations

TOPICS = ["housing", "work", "finances", "debt", "isolation", "health", "family_care", "other"]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("consultations", "Topic")
    for order, code in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(code=code, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_intake_cases_plans_meetings_outreach"),
    ]

    operations = [
        migrations.RunPython(create_topics, migrations.RunPython.noop),
    ]
