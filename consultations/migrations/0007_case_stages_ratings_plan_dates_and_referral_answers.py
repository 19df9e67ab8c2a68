"""Case stage changes with who and why, case numbers from a counter, who asked for the person; assessments rate each life area; plans keep when they were in effect; a referral's answer has its date."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def fill_dates_the_new_rules_need(apps, schema_editor):
    """Rows saved before the rules existed get the dates the new constraints ask for."""
    import datetime

    SupportPlan = apps.get_model("consultations", "SupportPlan")
    Referral = apps.get_model("consultations", "Referral")
    ContactLog = apps.get_model("consultations", "ContactLog")
    for plan in SupportPlan.objects.exclude(status="draft").order_by("case_id", "version"):
        plan.effective_from = plan.effective_from or plan.made_on
        if plan.status == "superseded" and plan.effective_until is None:
            later = (
                SupportPlan.objects.filter(case_id=plan.case_id, version__gt=plan.version)
                .order_by("version")
                .first()
            )
            plan.effective_until = max(later.made_on if later else plan.made_on, plan.effective_from)
        if plan.status == "active" and plan.review_on is None:
            plan.review_on = plan.made_on + datetime.timedelta(days=90)
        plan.save(update_fields=["effective_from", "effective_until", "review_on"])
    for plan in SupportPlan.objects.filter(review_on__lt=models.F("made_on")):
        plan.review_on = plan.made_on
        plan.save(update_fields=["review_on"])
    for referral in Referral.objects.filter(
        status__in=["accepted", "declined", "completed"], answered_on__isnull=True
    ):
        referral.answered_on = referral.referred_on
        referral.save(update_fields=["answered_on"])
    ContactLog.objects.filter(next_action_due__isnull=False, next_action="").update(
        next_action="(内容の記入なし)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_consent_records_and_meeting_agendas"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseStatusChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "changed_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="changed at"),
                ),
                (
                    "from_status",
                    models.CharField(
                        choices=[
                            ("intake", "intake"),
                            ("assessment", "assessment"),
                            ("planning", "planning"),
                            ("support", "in support"),
                            ("closed", "closed"),
                        ],
                        max_length=20,
                        verbose_name="from stage",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("intake", "intake"),
                            ("assessment", "assessment"),
                            ("planning", "planning"),
                            ("support", "in support"),
                            ("closed", "closed"),
                        ],
                        max_length=20,
                        verbose_name="to stage",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
            ],
            options={
                "verbose_name": "stage change",
                "verbose_name_plural": "stage changes",
                "ordering": ["case", "changed_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReferenceCounter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("year", models.PositiveSmallIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="assessment",
            name="family_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="family and care",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="finances_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="household finances",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="health_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="health",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="housing_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="housing",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="social",
            field=models.TextField(blank=True, verbose_name="social participation and connections: notes"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="social_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="social participation and connections",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="wishes_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="the person's wishes",
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="work",
            field=models.TextField(blank=True, verbose_name="work and employment: notes"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="work_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="work and employment",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="requester",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases_asked_for",
                to="consultations.person",
                verbose_name="who asked (if not the person)",
            ),
        ),
        migrations.AddField(
            model_name="case",
            name="requester_relationship",
            field=models.CharField(
                blank=True,
                help_text="e.g. 姉, 民生委員",
                max_length=50,
                verbose_name="their relationship to the person",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="family_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="family and care",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="finances_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="household finances",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="health_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="health",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="housing_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="housing",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="social",
            field=models.TextField(blank=True, verbose_name="social participation and connections: notes"),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="social_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="social participation and connections",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="wishes_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="the person's wishes",
            ),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="work",
            field=models.TextField(blank=True, verbose_name="work and employment: notes"),
        ),
        migrations.AddField(
            model_name="historicalassessment",
            name="work_rating",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "1: serious difficulty"),
                    (2, "2: major difficulty"),
                    (3, "3: some difficulty"),
                    (4, "4: mostly stable"),
                    (5, "5: stable"),
                ],
                null=True,
                verbose_name="work and employment",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="requester",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="consultations.person",
                verbose_name="who asked (if not the person)",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="requester_relationship",
            field=models.CharField(
                blank=True,
                help_text="e.g. 姉, 民生委員",
                max_length=50,
                verbose_name="their relationship to the person",
            ),
        ),
        migrations.AddField(
            model_name="historicalreferral",
            name="answered_on",
            field=models.DateField(blank=True, null=True, verbose_name="answered on"),
        ),
        migrations.AddField(
            model_name="historicalsupportplan",
            name="effective_from",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="in effect from"),
        ),
        migrations.AddField(
            model_name="historicalsupportplan",
            name="effective_until",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="in effect until"),
        ),
        migrations.AddField(
            model_name="referral",
            name="answered_on",
            field=models.DateField(blank=True, null=True, verbose_name="answered on"),
        ),
        migrations.AddField(
            model_name="supportplan",
            name="effective_from",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="in effect from"),
        ),
        migrations.AddField(
            model_name="supportplan",
            name="effective_until",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="in effect until"),
        ),
        migrations.AddField(
            model_name="casestatuschange",
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
            model_name="casestatuschange",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="status_changes",
                to="consultations.case",
                verbose_name="case",
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="family",
            field=models.TextField(blank=True, verbose_name="family and care: notes"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="finances",
            field=models.TextField(blank=True, verbose_name="household finances: notes"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="health",
            field=models.TextField(blank=True, verbose_name="health: notes"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="living",
            field=models.TextField(blank=True, verbose_name="housing: notes"),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="wishes",
            field=models.TextField(blank=True, verbose_name="the person's wishes: notes"),
        ),
        migrations.AlterField(
            model_name="case",
            name="status",
            field=models.CharField(
                choices=[
                    ("intake", "intake"),
                    ("assessment", "assessment"),
                    ("planning", "planning"),
                    ("support", "in support"),
                    ("closed", "closed"),
                ],
                default="intake",
                max_length=20,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="family",
            field=models.TextField(blank=True, verbose_name="family and care: notes"),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="finances",
            field=models.TextField(blank=True, verbose_name="household finances: notes"),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="health",
            field=models.TextField(blank=True, verbose_name="health: notes"),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="living",
            field=models.TextField(blank=True, verbose_name="housing: notes"),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="wishes",
            field=models.TextField(blank=True, verbose_name="the person's wishes: notes"),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="status",
            field=models.CharField(
                choices=[
                    ("intake", "intake"),
                    ("assessment", "assessment"),
                    ("planning", "planning"),
                    ("support", "in support"),
                    ("closed", "closed"),
                ],
                default="intake",
                max_length=20,
                verbose_name="stage",
            ),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="agenda",
            field=models.TextField(blank=True, verbose_name="agenda notes"),
        ),
        migrations.AlterField(
            model_name="historicalsupportplan",
            name="review_on",
            field=models.DateField(
                blank=True,
                help_text="The case goes on the agenda of the meeting before this date.",
                null=True,
                verbose_name="review on",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsupportplan",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "draft"),
                    ("active", "in effect"),
                    ("superseded", "superseded"),
                    ("ended", "ended"),
                ],
                default="draft",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="agenda",
            field=models.TextField(blank=True, verbose_name="agenda notes"),
        ),
        migrations.AlterField(
            model_name="supportplan",
            name="review_on",
            field=models.DateField(
                blank=True,
                help_text="The case goes on the agenda of the meeting before this date.",
                null=True,
                verbose_name="review on",
            ),
        ),
        migrations.AlterField(
            model_name="supportplan",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "draft"),
                    ("active", "in effect"),
                    ("superseded", "superseded"),
                    ("ended", "ended"),
                ],
                default="draft",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(fill_dates_the_new_rules_need, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("housing_rating__isnull", True),
                    models.Q(("housing_rating__gte", 1), ("housing_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_housing_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("finances_rating__isnull", True),
                    models.Q(("finances_rating__gte", 1), ("finances_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_finances_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("work_rating__isnull", True),
                    models.Q(("work_rating__gte", 1), ("work_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_work_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("health_rating__isnull", True),
                    models.Q(("health_rating__gte", 1), ("health_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_health_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("family_rating__isnull", True),
                    models.Q(("family_rating__gte", 1), ("family_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_family_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("social_rating__isnull", True),
                    models.Q(("social_rating__gte", 1), ("social_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_social_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("wishes_rating__isnull", True),
                    models.Q(("wishes_rating__gte", 1), ("wishes_rating__lte", 5)),
                    _connector="OR",
                ),
                name="assessment_wishes_rating_1_to_5",
            ),
        ),
        migrations.AddConstraint(
            model_name="contactlog",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("next_action_due__isnull", True),
                    models.Q(("next_action", ""), _negated=True),
                    _connector="OR",
                ),
                name="contact_log_due_date_has_action",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("status__in", ["accepted", "declined", "completed"]), ("answered_on__isnull", False)
                    ),
                    models.Q(("status__in", ["planned", "referred"]), ("answered_on__isnull", True)),
                    _connector="OR",
                ),
                name="referral_answer_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="referral",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("answered_on__isnull", True),
                    ("answered_on__gte", models.F("referred_on")),
                    _connector="OR",
                ),
                name="referral_answered_after_referred",
            ),
        ),
        migrations.AddConstraint(
            model_name="supportplan",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "active"), _negated=True),
                    ("review_on__isnull", False),
                    _connector="OR",
                ),
                name="support_plan_in_effect_has_review_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="supportplan",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "draft"), ("effective_from__isnull", False), _connector="OR"),
                name="support_plan_started_has_start_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="supportplan",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status__in", ["superseded", "ended"]), ("effective_until__isnull", False)),
                    models.Q(("status__in", ["draft", "active"]), ("effective_until__isnull", True)),
                    _connector="OR",
                ),
                name="support_plan_ended_has_end_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="supportplan",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("effective_until__isnull", True),
                    ("effective_until__gte", models.F("effective_from")),
                    _connector="OR",
                ),
                name="support_plan_ends_after_it_starts",
            ),
        ),
        migrations.AddConstraint(
            model_name="supportplan",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("review_on__isnull", True), ("review_on__gte", models.F("made_on")), _connector="OR"
                ),
                name="support_plan_review_after_made",
            ),
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(("requester", models.F("person")), _negated=True),
                name="case_requester_is_not_the_person",
            ),
        ),
        migrations.AddConstraint(
            model_name="referencecounter",
            constraint=models.UniqueConstraint(fields=("kind", "year"), name="reference_counter_once"),
        ),
        migrations.AddConstraint(
            model_name="casestatuschange",
            constraint=models.CheckConstraint(
                condition=models.Q(("from_status", models.F("to_status")), _negated=True),
                name="case_status_change_changes",
            ),
        ),
        migrations.AddConstraint(
            model_name="casestatuschange",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("from_status", "closed"), _negated=True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="case_reopening_has_reason",
            ),
        ),
    ]
