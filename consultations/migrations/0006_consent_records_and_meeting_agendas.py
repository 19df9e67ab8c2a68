"""Consent (本人同意) as a record on the person; meetings list the agencies taking part; a case on an agenda keeps the meeting's kind, the consent relied on, and the evaluation, decisions and next review date."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


ALL_AGENCY_KINDS = [
    "self_reliance",
    "welfare_office",
    "community_care",
    "disability",
    "hello_work",
    "health_centre",
    "school",
    "medical",
    "npo",
    "minsei_iin",
    "other",
]
MIGRATED_NOTE = (
    "会議の記録のチェック(「本人が同意している」)から移した同意の記録です。"
    "同意の日付・方法・範囲・期限を確かめてください。"
)


def reviews_to_consent_records(apps, schema_editor):
    """The meeting's kind is copied onto each review; a ticked consent becomes a consent record."""
    from django.utils import timezone

    Review = apps.get_model("consultations", "MeetingCaseReview")
    Consent = apps.get_model("consultations", "Consent")
    for review in Review.objects.select_related("meeting", "case"):
        review.meeting_kind = review.meeting.kind
        # A review on a 重層的支援会議 was only ever saved with the box ticked.
        if review.consent_obtained or review.meeting.kind == "multi_layered":
            day = timezone.localtime(review.meeting.held_at).date()
            consent = Consent.objects.filter(
                person_id=review.case.person_id, given_on=day, notes=MIGRATED_NOTE
            ).first()
            if consent is None:
                consent = Consent.objects.create(
                    person_id=review.case.person_id,
                    given_on=day,
                    method="oral",
                    agency_kinds=ALL_AGENCY_KINDS,
                    notes=MIGRATED_NOTE,
                )
            review.consent = consent
        review.save(update_fields=["meeting_kind", "consent"])


def consent_records_to_reviews(apps, schema_editor):
    Review = apps.get_model("consultations", "MeetingCaseReview")
    Review.objects.filter(consent__isnull=False).update(consent_obtained=True)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_areas_and_community_work"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Consent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("given_on", models.DateField(verbose_name="given on")),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("written", "in writing (signed form)"),
                            ("oral", "orally (noted by the worker)"),
                        ],
                        max_length=20,
                        verbose_name="how",
                    ),
                ),
                (
                    "agency_kinds",
                    models.JSONField(
                        blank=True, default=list, verbose_name="kinds of agency it may be shared with"
                    ),
                ),
                (
                    "valid_until",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty if no end was agreed.",
                        null=True,
                        verbose_name="valid until",
                    ),
                ),
                ("withdrawn_on", models.DateField(blank=True, null=True, verbose_name="withdrawn on")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "consent to sharing",
                "verbose_name_plural": "consents to sharing",
                "ordering": ["person", "-given_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalConsent",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("given_on", models.DateField(verbose_name="given on")),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("written", "in writing (signed form)"),
                            ("oral", "orally (noted by the worker)"),
                        ],
                        max_length=20,
                        verbose_name="how",
                    ),
                ),
                (
                    "agency_kinds",
                    models.JSONField(
                        blank=True, default=list, verbose_name="kinds of agency it may be shared with"
                    ),
                ),
                (
                    "valid_until",
                    models.DateField(
                        blank=True,
                        help_text="Leave empty if no end was agreed.",
                        null=True,
                        verbose_name="valid until",
                    ),
                ),
                ("withdrawn_on", models.DateField(blank=True, null=True, verbose_name="withdrawn on")),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="created at")),
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
                "verbose_name": "historical consent to sharing",
                "verbose_name_plural": "historical consents to sharing",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalConsent_agencies",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalConsent_agencies",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeeting_agencies",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalMeeting_agencies",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AlterModelOptions(
            name="historicalmeetingcasereview",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical case on a meeting's agenda",
                "verbose_name_plural": "historical cases on meetings' agendas",
            },
        ),
        migrations.AlterModelOptions(
            name="meetingcasereview",
            options={
                "ordering": ["meeting", "pk"],
                "verbose_name": "case on a meeting's agenda",
                "verbose_name_plural": "cases on meetings' agendas",
            },
        ),
        migrations.AddField(
            model_name="historicalmeetingcasereview",
            name="agenda_reason",
            field=models.CharField(blank=True, max_length=255, verbose_name="why it is on the agenda"),
        ),
        migrations.AddField(
            model_name="historicalmeetingcasereview",
            name="evaluation",
            field=models.CharField(
                blank=True,
                choices=[
                    ("appropriate", "appropriate: continue the plan"),
                    ("needs_revision", "needs revision"),
                ],
                max_length=20,
                verbose_name="evaluation",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeetingcasereview",
            name="meeting_kind",
            field=models.CharField(
                choices=[
                    ("multi_layered", "multi-layered support meeting (jūsōteki shien kaigi)"),
                    ("support", "support meeting (shien kaigi, Art. 106-6)"),
                ],
                default="support",
                max_length=20,
                verbose_name="kind of meeting",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalmeetingcasereview",
            name="next_review_on",
            field=models.DateField(blank=True, null=True, verbose_name="next review on"),
        ),
        migrations.AddField(
            model_name="historicalmeetingcasereview",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="recorded at"),
        ),
        migrations.AddField(
            model_name="historicalmeetingcasereview",
            name="reviewed_by",
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
            model_name="meeting",
            name="agencies",
            field=models.ManyToManyField(
                blank=True,
                help_text="A 重層的支援会議 may discuss a case only if the person's consent covers every one of them.",
                related_name="meetings",
                to="consultations.agency",
                verbose_name="agencies taking part",
            ),
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="agenda_reason",
            field=models.CharField(blank=True, max_length=255, verbose_name="why it is on the agenda"),
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="evaluation",
            field=models.CharField(
                blank=True,
                choices=[
                    ("appropriate", "appropriate: continue the plan"),
                    ("needs_revision", "needs revision"),
                ],
                max_length=20,
                verbose_name="evaluation",
            ),
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="meeting_kind",
            field=models.CharField(
                choices=[
                    ("multi_layered", "multi-layered support meeting (jūsōteki shien kaigi)"),
                    ("support", "support meeting (shien kaigi, Art. 106-6)"),
                ],
                default="support",
                max_length=20,
                verbose_name="kind of meeting",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="next_review_on",
            field=models.DateField(blank=True, null=True, verbose_name="next review on"),
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="recorded at"),
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="reviewed_by",
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
            model_name="consent",
            name="agencies",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="consultations.agency",
                verbose_name="named agencies it may be shared with",
            ),
        ),
        migrations.AddField(
            model_name="consent",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="consents",
                to="consultations.person",
                verbose_name="person",
            ),
        ),
        migrations.AddField(
            model_name="consent",
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
            model_name="historicalmeetingcasereview",
            name="consent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.consent",
                verbose_name="consent relied on",
            ),
        ),
        migrations.AddField(
            model_name="meetingcasereview",
            name="consent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="meeting_reviews",
                to="consultations.consent",
                verbose_name="consent relied on",
            ),
        ),
        migrations.AddField(
            model_name="historicalconsent",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalconsent",
            name="person",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.person",
                verbose_name="person",
            ),
        ),
        migrations.AddField(
            model_name="historicalconsent",
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
            model_name="historicalconsent_agencies",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.agency",
            ),
        ),
        migrations.AddField(
            model_name="historicalconsent_agencies",
            name="consent",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.consent",
            ),
        ),
        migrations.AddField(
            model_name="historicalconsent_agencies",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="consultations.historicalconsent",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeeting_agencies",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.agency",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeeting_agencies",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="consultations.historicalmeeting",
            ),
        ),
        migrations.AddField(
            model_name="historicalmeeting_agencies",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.meeting",
            ),
        ),
        migrations.RunPython(reviews_to_consent_records, consent_records_to_reviews),
        migrations.RemoveField(
            model_name="historicalmeetingcasereview",
            name="consent_obtained",
        ),
        migrations.RemoveField(
            model_name="meetingcasereview",
            name="consent_obtained",
        ),
        migrations.AddConstraint(
            model_name="meetingcasereview",
            constraint=models.CheckConstraint(
                condition=models.Q(("meeting_kind", "support"), ("consent__isnull", False), _connector="OR"),
                name="meeting_case_review_consent_for_multi_layered",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingcasereview",
            constraint=models.CheckConstraint(
                condition=models.Q(("evaluation", ""), ("next_review_on__isnull", False), _connector="OR"),
                name="meeting_case_review_evaluated_has_next_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingcasereview",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("evaluation", ""), ("reviewed_at__isnull", True)),
                    models.Q(models.Q(("evaluation", ""), _negated=True), ("reviewed_at__isnull", False)),
                    _connector="OR",
                ),
                name="meeting_case_review_evaluated_has_time",
            ),
        ),
        migrations.AddConstraint(
            model_name="consent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_until__isnull", True), ("valid_until__gte", models.F("given_on")), _connector="OR"
                ),
                name="consent_valid_until_after_given",
            ),
        ),
        migrations.AddConstraint(
            model_name="consent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("withdrawn_on__isnull", True),
                    ("withdrawn_on__gte", models.F("given_on")),
                    _connector="OR",
                ),
                name="consent_withdrawn_after_given",
            ),
        ),
    ]
