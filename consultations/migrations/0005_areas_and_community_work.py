"""Areas in three layers (圏域), community meetings with attendees, local needs and their follow-ups; cases and households point to an area."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_postal_codes_on_intake"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Area",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "layer",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "whole area (layer 1)"),
                            (2, "primary-school district (layer 2)"),
                            (3, "neighbourhood association area (layer 3)"),
                        ],
                        verbose_name="layer",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "area",
                "verbose_name_plural": "areas",
                "ordering": ["layer", "order", "name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CommunityMeeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. 第3回 関戸地区支え合い会議", max_length=200, verbose_name="name of the meeting"
                    ),
                ),
                ("held_on", models.DateField(verbose_name="held on")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("topics", models.TextField(verbose_name="what was talked about")),
                ("notes", models.TextField(blank=True, verbose_name="record")),
            ],
            options={
                "verbose_name": "community meeting",
                "verbose_name_plural": "community meetings",
                "ordering": ["-held_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="CommunityMeetingAttendee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("organisation", "organisation or service provider"),
                            ("residents_group", "residents' group or neighbourhood association"),
                            ("coordinator", "community support coordinator (sasaeai coordinator)"),
                            ("agency", "public agency"),
                            ("resident", "resident"),
                            ("other", "other"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="e.g. 関戸四丁目自治会, 民生委員", max_length=200, verbose_name="name"
                    ),
                ),
                ("headcount", models.PositiveSmallIntegerField(default=1, verbose_name="how many people")),
            ],
            options={
                "verbose_name": "attendee",
                "verbose_name_plural": "attendees",
                "ordering": ["meeting", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CommunityNeed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("need", "local need"), ("resource_idea", "idea for a local resource")],
                        default="need",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. 団地の高齢者が買い物に行けない", max_length=200, verbose_name="in a few words"
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="details")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "not started"),
                            ("in_progress", "being worked on"),
                            ("done", "realised or resolved"),
                            ("dropped", "set aside"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("follow_up_on", models.DateField(blank=True, null=True, verbose_name="follow up by")),
                (
                    "closed_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="closed on"),
                ),
            ],
            options={
                "verbose_name": "local need or idea",
                "verbose_name_plural": "local needs and ideas",
                "ordering": ["area", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="CommunityNeedFollowUp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("followed_up_on", models.DateField(verbose_name="followed up on")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "not started"),
                            ("in_progress", "being worked on"),
                            ("done", "realised or resolved"),
                            ("dropped", "set aside"),
                        ],
                        max_length=20,
                        verbose_name="status after this",
                    ),
                ),
                ("note", models.TextField(verbose_name="what was done")),
            ],
            options={
                "verbose_name": "follow-up",
                "verbose_name_plural": "follow-ups",
                "ordering": ["need", "followed_up_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalArea",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "layer",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "whole area (layer 1)"),
                            (2, "primary-school district (layer 2)"),
                            (3, "neighbourhood association area (layer 3)"),
                        ],
                        verbose_name="layer",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical area",
                "verbose_name_plural": "historical areas",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCommunityMeeting",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. 第3回 関戸地区支え合い会議", max_length=200, verbose_name="name of the meeting"
                    ),
                ),
                ("held_on", models.DateField(verbose_name="held on")),
                ("place", models.CharField(blank=True, max_length=200, verbose_name="place")),
                ("topics", models.TextField(verbose_name="what was talked about")),
                ("notes", models.TextField(blank=True, verbose_name="record")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical community meeting",
                "verbose_name_plural": "historical community meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalCommunityNeed",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("need", "local need"), ("resource_idea", "idea for a local resource")],
                        default="need",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. 団地の高齢者が買い物に行けない", max_length=200, verbose_name="in a few words"
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="details")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "not started"),
                            ("in_progress", "being worked on"),
                            ("done", "realised or resolved"),
                            ("dropped", "set aside"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("follow_up_on", models.DateField(blank=True, null=True, verbose_name="follow up by")),
                (
                    "closed_on",
                    models.DateField(blank=True, editable=False, null=True, verbose_name="closed on"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical local need or idea",
                "verbose_name_plural": "historical local needs and ideas",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="area",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                help_text="The area one layer up: the whole area for a school district, a district for a neighbourhood.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="consultations.area",
                verbose_name="part of",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="area",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="historicalhousehold",
            name="area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The neighbourhood (layer 3) or school district (layer 2) the household lives in.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="household",
            name="area",
            field=models.ForeignKey(
                blank=True,
                help_text="The neighbourhood (layer 3) or school district (layer 2) the household lives in.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="households",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="communitymeeting",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="community_meetings",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="communitymeeting",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recorded by",
            ),
        ),
        migrations.AddField(
            model_name="communitymeetingattendee",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attendees",
                to="consultations.communitymeeting",
                verbose_name="community meeting",
            ),
        ),
        migrations.AddField(
            model_name="communityneed",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="needs",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="communityneed",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="needs",
                to="consultations.communitymeeting",
                verbose_name="raised at",
            ),
        ),
        migrations.AddField(
            model_name="communityneedfollowup",
            name="by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="by",
            ),
        ),
        migrations.AddField(
            model_name="communityneedfollowup",
            name="need",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="follow_ups",
                to="consultations.communityneed",
                verbose_name="local need or idea",
            ),
        ),
        migrations.AddField(
            model_name="historicalarea",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalarea",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The area one layer up: the whole area for a school district, a district for a neighbourhood.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.area",
                verbose_name="part of",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommunitymeeting",
            name="area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommunitymeeting",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalcommunitymeeting",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="recorded by",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommunityneed",
            name="area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommunityneed",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalcommunityneed",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.communitymeeting",
                verbose_name="raised at",
            ),
        ),
        migrations.AddConstraint(
            model_name="area",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("layer", 1), ("parent__isnull", True)),
                    models.Q(("layer__in", [2, 3]), ("parent__isnull", False)),
                    _connector="OR",
                ),
                name="area_parent_unless_whole",
            ),
        ),
        migrations.AddConstraint(
            model_name="area",
            constraint=models.UniqueConstraint(fields=("parent", "name"), name="area_name_once_per_parent"),
        ),
        migrations.AddConstraint(
            model_name="area",
            constraint=models.UniqueConstraint(
                condition=models.Q(("parent__isnull", True)), fields=("name",), name="area_whole_name_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="communitymeetingattendee",
            constraint=models.CheckConstraint(
                condition=models.Q(("headcount__gte", 1)), name="community_meeting_attendee_at_least_one"
            ),
        ),
        migrations.AddConstraint(
            model_name="communityneed",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["done", "dropped"]), ("closed_on__isnull", False)),
                    models.Q(("status__in", ["open", "in_progress"]), ("closed_on__isnull", True)),
                    _connector="OR",
                ),
                name="community_need_closed_has_date",
            ),
        ),
    ]
