"""One permission matrix for the whole project: every /admin/ and /staff/ URL × every role.

The URLs come from the resolver, with real object ids from a data set that has a
row of every model the admin shows; what each role may open comes from the
tables below, written by hand from the roles' jobs (not from ROLE_GRANTS). A new
staff URL or admin model that is not in the tables fails the test, and so does a
refused request that changes anything in the database.
"""

import re
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from consultations import services as consultation_services
from consultations.models import Assessment, Case, OutreachVisit
from consultations.tests.factories import (
    AreaFactory,
    CaseFactory,
    CommunityMeetingFactory,
    CommunityNeedFactory,
    ConcernReportFactory,
    ConsentFactory,
    ConsultationRequestFactory,
    ContactLogFactory,
    HouseholdFactory,
    MeetingFactory,
    PersonFactory,
    ReferralFactory,
    SupportPlanFactory,
)
from food_support import services as food_services
from food_support.models import RosterEntry
from food_support.tests.factories import (
    DistributionFactory,
    FoodApplicationFactory,
    FoodRegistrationFactory,
    PickupPlaceFactory,
)
from ibasho.tests.factories import BookingFactory, GatheringFactory
from participation import services as participation_services
from participation.models import WorkReferral
from participation.tests.factories import ActivityFactory, DistrictFactory, EnquiryFactory, ParticipantFactory
from welfare_portal.models import AccessLog as AccessLogEntry

pytestmark = pytest.mark.django_db

ANON, NONE, CW, CO, MG = "anonymous", "no role", "caseworker", "coordinator", "manager"
ROLES = (ANON, NONE, CW, CO, MG)
STAFF = frozenset({CW, CO, MG})
CASE_WORK = frozenset({CW, MG})
PROGRAMMES = frozenset({CO, MG})  # Space Shiori, participation and food support run by coordinators
MANAGERS = frozenset({MG})
NOBODY = frozenset()
FIXTURE_FOR = {NONE: "staff_without_role", CW: "caseworker", CO: "coordinator", MG: "manager"}


@dataclass(frozen=True)
class ModelAccess:
    """Who may list/view, add, change, delete records of a model in the admin, and read their history."""

    view: frozenset
    add: frozenset = NOBODY
    change: frozenset = NOBODY
    delete: frozenset = NOBODY
    history: frozenset | None = None  # default: whoever may view

    @property
    def sees(self):
        return self.view | self.change

    @property
    def reads_history(self):
        return self.sees if self.history is None else self.history


def _all(roles):
    return ModelAccess(view=roles, add=roles, change=roles, delete=roles)


def _programme_model(*, add=PROGRAMMES):
    # Case workers see what the people they support do in the programmes, without changing it.
    return ModelAccess(view=STAFF, add=add, change=PROGRAMMES, delete=PROGRAMMES)


ADMIN_MODELS = {
    # Who opened which record (閲覧記録): 管理者 read it; nobody writes it from the site.
    "welfare_portal.accesslog": ModelAccess(view=MANAGERS),
    # Staff accounts and sign-in records: 管理者 only.
    "auth.user": _all(MANAGERS),
    "auth.group": _all(MANAGERS),
    "axes.accessattempt": ModelAccess(view=MANAGERS, delete=MANAGERS),  # deleting = unlocking
    "axes.accesslog": ModelAccess(view=MANAGERS),
    "axes.accessfailurelog": ModelAccess(view=MANAGERS),
    # People and households: coordinators look them up and link them, but never read their history
    # (past versions show the case workers' notes and the household's flags).
    "consultations.household": ModelAccess(
        view=STAFF, add=STAFF, change=STAFF, delete=CASE_WORK, history=CASE_WORK
    ),
    "consultations.person": ModelAccess(
        view=STAFF, add=STAFF, change=STAFF, delete=CASE_WORK, history=CASE_WORK
    ),
    # Intake arrives from the public forms only.
    "consultations.consultationrequest": ModelAccess(view=CASE_WORK, change=CASE_WORK, delete=CASE_WORK),
    "consultations.concernreport": ModelAccess(view=CASE_WORK, change=CASE_WORK, delete=CASE_WORK),
    # A case is closed, never deleted: its record stays.
    "consultations.case": ModelAccess(view=CASE_WORK, add=CASE_WORK, change=CASE_WORK),
    # A consent is withdrawn, never deleted.
    "consultations.consent": ModelAccess(view=CASE_WORK, add=CASE_WORK, change=CASE_WORK),
    "consultations.meetingcasereview": _all(CASE_WORK),
    # 地域づくり: areas are reference data kept by 管理者; coordinators (支え合いコーディネーター)
    # record community meetings and the needs raised there, but only case workers and 管理者 delete.
    "consultations.area": ModelAccess(view=STAFF, add=MANAGERS, change=MANAGERS, delete=MANAGERS),
    "consultations.communitymeeting": ModelAccess(view=STAFF, add=STAFF, change=STAFF, delete=CASE_WORK),
    "consultations.communityneed": ModelAccess(view=STAFF, add=STAFF, change=STAFF, delete=CASE_WORK),
    "consultations.contactlog": _all(CASE_WORK),
    "consultations.agency": _all(CASE_WORK),
    "consultations.referral": _all(CASE_WORK),
    "consultations.assessment": _all(CASE_WORK),
    "consultations.supportplan": _all(CASE_WORK),
    "consultations.meeting": _all(CASE_WORK),
    "consultations.outreachvisit": _all(CASE_WORK),
    "ibasho.venue": _programme_model(),
    "ibasho.gathering": _programme_model(),
    # Bookings are made through the booking form, so capacity and the waitlist hold.
    "ibasho.booking": _programme_model(add=NOBODY),
    "participation.interest": _programme_model(),
    "participation.hostorganization": _programme_model(),
    "participation.activity": _programme_model(),
    "participation.participant": _programme_model(),
    "participation.placement": _programme_model(),
    "participation.district": _programme_model(),
    # Offers, referrals towards work and interest messages come from the coordinators' pages
    # and the public form, not from an add form.
    "participation.offer": _programme_model(add=NOBODY),
    "participation.workreferral": _programme_model(add=NOBODY),
    "participation.enquiry": _programme_model(add=NOBODY),
    "food_support.pickupplace": _programme_model(),
    "food_support.foodapplication": _programme_model(),
    "food_support.foodregistration": _programme_model(),
    "food_support.distribution": _programme_model(),
    # Roster rows come from roster generation only.
    "food_support.rosterentry": _programme_model(add=NOBODY),
}


ANY_ANSWER = "any"  # an allowed POST with no data: a form error or a redirect, never 403 or 5xx


@dataclass(frozen=True)
class StaffUrl:
    """A URL outside the model pages: who gets `ok` (others 403, anonymous the login page)."""

    roles: frozenset
    obj: str | None = None  # key into the data set for the <pk>
    args: tuple = ()  # or fixed arguments
    method: str = "get"
    ok: int = 200
    data: dict = field(default_factory=dict)
    changes: bool = False  # an allowed POST changes the database (checked)
    anonymous: str = "login"  # or a status code
    refused: int = 403  # what the other roles get


STAFF_URLS = {
    # The staff home and the account pages are open to every staff login, roles or not.
    "staff-home": StaffUrl(STAFF | {NONE}),
    "two-factor-verify": StaffUrl(STAFF | {NONE}, ok=302),  # verified: onwards; not enrolled: to set-up
    "two-factor-setup": StaffUrl(STAFF | {NONE}),
    # Only after the second factor: others are sent to give it (or to enrol) first.
    "two-factor-backup-codes": StaffUrl(CASE_WORK, method="post", changes=True, refused=302),
    "staff-session-keepalive": StaffUrl(STAFF | {NONE}, ok=204),
    "staff-person-timeline": StaffUrl(STAFF, obj="consultations.person"),
    "staff-household-timeline": StaffUrl(STAFF, obj="consultations.household"),
    "ibasho_staff:numbers": StaffUrl(STAFF),
    "ibasho_staff:gathering-roster": StaffUrl(PROGRAMMES, obj="ibasho.gathering"),
    "ibasho_staff:gathering-attendance": StaffUrl(PROGRAMMES, obj="ibasho.gathering"),
    "ibasho_staff:booking-attendance": StaffUrl(
        PROGRAMMES, obj="ibasho.booking", method="post", ok=302, data={"attendance": "attended"}, changes=True
    ),
    "food_support_staff:distribution-list": StaffUrl(STAFF),
    "food_support_staff:distribution-detail": StaffUrl(STAFF, obj="food_support.distribution"),
    "food_support_staff:figures": StaffUrl(STAFF),
    "food_support_staff:application-list": StaffUrl(STAFF),
    "food_support_staff:review-list": StaffUrl(STAFF),
    "food_support_staff:registration-detail": StaffUrl(STAFF, obj="food_support.foodregistration"),
    "food_support_staff:application-review": StaffUrl(PROGRAMMES, obj="food_support.foodapplication"),
    "food_support_staff:distribution-rollover": StaffUrl(PROGRAMMES),
    "food_support_staff:roster-generate": StaffUrl(
        PROGRAMMES, obj="food_support.distribution", method="post", ok=302
    ),
    "food_support_staff:month-rollover": StaffUrl(PROGRAMMES, method="post", ok=302, changes=True),
    "food_support_staff:pickup-record": StaffUrl(
        PROGRAMMES, obj="food_support.rosterentry", method="post", ok=302, changes=True
    ),
    "food_support_staff:pickup-undo": StaffUrl(
        PROGRAMMES, obj="food_support.rosterentry", method="post", ok=302
    ),
    "food_support_staff:registration-renew": StaffUrl(
        PROGRAMMES, obj="food_support.foodregistration", method="post", ok=302, changes=True
    ),
    # Personal data leaving the system: the food role only.
    "food_support_staff:roster-export-xlsx": StaffUrl(PROGRAMMES, obj="food_support.distribution"),
    "food_support_staff:roster-export-csv": StaffUrl(PROGRAMMES, obj="food_support.distribution"),
    "food_support_staff:roster-signoff": StaffUrl(PROGRAMMES, obj="food_support.distribution"),
    # Participation support: everyone in a role reads the profiles, activities and the interest queue;
    # the coordinators act on them.
    "participation_staff:profile-list": StaffUrl(STAFF),
    "participation_staff:profile-detail": StaffUrl(STAFF, obj="participation.participant"),
    "participation_staff:activity-list": StaffUrl(STAFF),
    "participation_staff:activity-detail": StaffUrl(STAFF, obj="participation.activity"),
    "participation_staff:placement-detail": StaffUrl(STAFF, obj="participation.placement"),
    "participation_staff:enquiry-list": StaffUrl(STAFF),
    "participation_staff:enquiry-detail": StaffUrl(STAFF, obj="participation.enquiry"),
    "participation_staff:offer-create": StaffUrl(
        PROGRAMMES, obj="participation.participant", method="post", ok=ANY_ANSWER
    ),
    "participation_staff:referral-create": StaffUrl(
        PROGRAMMES, obj="participation.participant", method="post", ok=ANY_ANSWER
    ),
    "participation_staff:offer-visit": StaffUrl(
        PROGRAMMES, obj="participation.offer", method="post", ok=ANY_ANSWER
    ),
    "participation_staff:offer-respond": StaffUrl(
        PROGRAMMES, obj="participation.offer", method="post", ok=ANY_ANSWER
    ),
    "participation_staff:activity-invite": StaffUrl(
        PROGRAMMES, obj="participation.activity", method="post", ok=ANY_ANSWER
    ),
    "participation_staff:placement-move": StaffUrl(
        PROGRAMMES, obj="participation.placement", args=("trial",), method="post", ok=ANY_ANSWER
    ),
    "participation_staff:placement-log": StaffUrl(
        PROGRAMMES, obj="participation.placement", method="post", ok=ANY_ANSWER
    ),
    "participation_staff:enquiry-contacted": StaffUrl(
        PROGRAMMES, obj="participation.enquiry", method="post", ok=302, changes=True
    ),
    "participation_staff:enquiry-close": StaffUrl(
        PROGRAMMES, obj="participation.enquiry", method="post", ok=ANY_ANSWER
    ),
    # The monthly figures for the city: 管理者 (and whoever is given the permission).
    "staff-statistics": StaffUrl(MANAGERS),
    "staff-statistics-xlsx": StaffUrl(MANAGERS),
    "staff-statistics-csv": StaffUrl(MANAGERS, args=("food-households",)),
    "admin:welfare_portal_accesslog_export": StaffUrl(MANAGERS),
    # The admin's own pages.
    "admin:index": StaffUrl(STAFF | {NONE}),
    "admin:login": StaffUrl(STAFF | {NONE}, ok=302, anonymous=200),  # signed in already: onwards
    "admin:logout": StaffUrl(STAFF | {NONE}, ok=405, anonymous=302),  # POST only; anonymous: to /admin/
    "admin:password_change": StaffUrl(STAFF | {NONE}),
    "admin:password_change_done": StaffUrl(STAFF | {NONE}),
    "admin:jsi18n": StaffUrl(STAFF | {NONE}),
    # Case work beyond the model pages: the case as the hub, plans, agendas.
    "admin:consultations_case_advance": StaffUrl(
        CASE_WORK, obj="consultations.case", method="post", ok=302, changes=True
    ),
    "admin:consultations_case_close": StaffUrl(CASE_WORK, obj="consultations.case"),
    "admin:consultations_case_reopen": StaffUrl(CASE_WORK, obj="consultations.closedcase"),
    "admin:consultations_referral_status": StaffUrl(
        CASE_WORK, obj="consultations.referral", args=("referred",), method="post", ok=302, changes=True
    ),
    "admin:consultations_consent_withdraw": StaffUrl(CASE_WORK, obj="consultations.consent"),
    "admin:consultations_supportplan_activate": StaffUrl(
        CASE_WORK, obj="consultations.supportplan", method="post", ok=ANY_ANSWER
    ),
    "admin:consultations_supportplan_revise": StaffUrl(
        CASE_WORK, obj="consultations.supportplan", method="post", ok=ANY_ANSWER
    ),
    "admin:consultations_meeting_build_agenda": StaffUrl(
        CASE_WORK, obj="consultations.meeting", method="post", ok=ANY_ANSWER
    ),
    "consultations_staff:meeting-agenda": StaffUrl(CASE_WORK, obj="consultations.meeting"),
    # An area's needs and meetings, and its open cases counted by topic without names.
    "consultations_staff:area-list": StaffUrl(STAFF),
    "consultations_staff:area-detail": StaffUrl(STAFF, obj="consultations.area"),
    # Admin pages beyond the model lists.
    "admin:auth_user_password_change": StaffUrl(MANAGERS, obj="auth.user"),
    "admin:consultations_consultationrequest_open_case": StaffUrl(
        CASE_WORK, obj="consultations.consultationrequest"
    ),
    "admin:consultations_concernreport_open_case": StaffUrl(CASE_WORK, obj="consultations.concernreport"),
    "admin:ibasho_gathering_season": StaffUrl(PROGRAMMES),
}

# Which roles see an app's index page in the admin (/admin/<app>/); others get 404.
ADMIN_APPS = {
    "welfare_portal": MANAGERS,
    "auth": MANAGERS,
    "axes": MANAGERS,
    "consultations": STAFF,
    "ibasho": STAFF,
    "participation": STAFF,
    "food_support": STAFF,
}

MODEL_URL_KINDS = ("changelist", "add", "change", "delete", "history", "simple_history")


# --- the data set ---------------------------------------------------------------


@pytest.fixture
def world(roles):
    """One row of every model the admin shows (and a past version of each with history)."""
    household = HouseholdFactory()
    person = PersonFactory(household=household)
    case = CaseFactory(person=person, household=household)
    concern = ConcernReportFactory()
    gathering = GatheringFactory()
    # This month's distribution: the month rollover then has next month to open.
    distribution = DistributionFactory(date=timezone.localdate().replace(day=20))
    registration = FoodRegistrationFactory(pickup_place=distribution.place, person=person)
    food_services.roster_generate(distribution=distribution)
    participant = ParticipantFactory(person=person)
    activity = ActivityFactory()
    # A second of each kind of choice, so every declared filter has something to offer (a
    # filter with one choice is not shown, and what is not shown may not be used).
    User = get_user_model()
    case.worker = User.objects.create_user("worker-a", is_staff=True)
    case.save()
    CaseFactory(worker=User.objects.create_user("worker-b", is_staff=True))
    GatheringFactory()
    FoodApplicationFactory(preferred_place=PickupPlaceFactory(name="二つ目の受け取り場所"))
    second_activity = ActivityFactory()
    ReferralFactory(case=case)
    objects = {
        "consultations.household": household,
        "consultations.person": person,
        "consultations.case": case,
        "consultations.consultationrequest": ConsultationRequestFactory(),
        "consultations.concernreport": concern,
        "consultations.contactlog": ContactLogFactory(case=case),
        "consultations.referral": ReferralFactory(case=case),
        "consultations.supportplan": SupportPlanFactory(case=case),
        "consultations.meeting": MeetingFactory(),
        "consultations.assessment": Assessment.objects.create(case=case, summary="住まいの不安が大きい"),
        "consultations.outreachvisit": OutreachVisit.objects.create(
            concern_report=concern, location="関戸", visitors="相談員", outcome="met"
        ),
        "ibasho.gathering": gathering,
        "ibasho.venue": gathering.venue,
        "ibasho.booking": BookingFactory(gathering=gathering),
        "participation.participant": participant,
        "participation.activity": activity,
        "participation.hostorganization": activity.host,
        "participation.placement": participation_services.placement_arrange_visit(
            participant=participant, activity=activity, visit_date=timezone.localdate()
        ),
        "participation.offer": participation_services.offer_record(
            participant=participant, activity=second_activity
        ),
        "participation.enquiry": EnquiryFactory(activity=activity),
        "participation.district": DistrictFactory(),
        "participation.workreferral": participation_services.work_referral_create(
            participant=participant, kind=WorkReferral.Kind.values[0], organisation="ハローワーク府中"
        ),
        "food_support.distribution": distribution,
        "food_support.pickupplace": distribution.place,
        "food_support.foodregistration": registration,
        "food_support.foodapplication": FoodApplicationFactory(preferred_place=distribution.place),
        "food_support.rosterentry": RosterEntry.objects.get(registration=registration),
        "axes.accessattempt": AccessAttempt.objects.create(
            username="someone",
            ip_address="192.0.2.1",
            user_agent="test",
            get_data="",
            post_data="",
            http_accept="*/*",
            path_info="/admin/login/",
            failures_since_start=1,
        ),
        "axes.accesslog": AccessLog.objects.create(
            username="someone", ip_address="192.0.2.1", user_agent="test", http_accept="*/*", path_info="/"
        ),
        "axes.accessfailurelog": AccessFailureLog.objects.create(
            username="someone",
            ip_address="192.0.2.1",
            user_agent="test",
            http_accept="*/*",
            path_info="/",
            locked_out=False,
        ),
    }
    objects["auth.user"] = get_user_model().objects.create_user("another-worker", is_staff=True)
    objects["welfare_portal.accesslog"] = AccessLogEntry.objects.create(
        user=objects["auth.user"],
        model="consultations.person",
        object_id=person.pk,
        how=AccessLogEntry.How.ADMIN,
    )
    objects["consultations.agency"] = objects["consultations.referral"].agency
    objects["consultations.consent"] = ConsentFactory(person=person)
    objects["consultations.meetingcasereview"] = consultation_services.meeting_case_review_add(
        meeting=objects["consultations.meeting"], case=case
    )
    area = AreaFactory()
    objects["consultations.area"] = area
    objects["consultations.communitymeeting"] = CommunityMeetingFactory(area=area)
    objects["consultations.communityneed"] = CommunityNeedFactory(area=area)
    # Not a model of its own: a closed case, for the reopen page.
    objects["consultations.closedcase"] = consultation_services.case_close(
        case=CaseFactory(), reason=Case.ClosingReason.RESOLVED, confirmed=True
    )
    objects["participation.interest"] = activity.interests.first() or _interest(activity)
    for label in ADMIN_MODELS:
        if label not in objects:
            objects[label] = apps.get_model(label).objects.order_by("pk").first()
    missing = [label for label, obj in objects.items() if obj is None]
    assert not missing, f"the data set has no row of {missing}"
    for obj in objects.values():
        # Rows made in bulk (roster rows) have no past version yet: give each one.
        if hasattr(obj, "history") and not obj.history.exists():
            obj.save()
    return objects


def _interest(activity):
    from participation.tests.factories import InterestFactory

    interest = InterestFactory()
    activity.interests.add(interest)
    return interest


# --- the URLs --------------------------------------------------------------------


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name


def staff_url_patterns():
    return [
        (route, name)
        for route, name in _walk(get_resolver().url_patterns)
        if route.startswith(("admin/", "staff/"))
    ]


MODEL_URL = re.compile(rf"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<kind>{'|'.join(MODEL_URL_KINDS)})$")
# Patterns that are not pages of their own: the object redirect, the catch-all, view-on-site and
# the app index (each checked separately below).
SPECIAL = {None, "admin:app_list", "admin:view_on_site", "admin:autocomplete"}


def test_every_staff_url_is_in_the_tables():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_MODELS), "admin models and the table differ"
    unknown = []
    for route, name in staff_url_patterns():
        if name in SPECIAL or name in STAFF_URLS:
            continue
        match = MODEL_URL.match(name or "")
        if match and f"{match['app']}.{match['model']}" in ADMIN_MODELS:
            continue
        unknown.append((route, name))
    assert not unknown, f"staff URLs missing from the matrix: {unknown}"
    assert {label.split(".")[0] for label in ADMIN_MODELS} == set(ADMIN_APPS)


def _model_expectations(world):
    """(description, method, url, {role: status}) for every admin model page."""
    rows = []
    for label, access in ADMIN_MODELS.items():
        app, model = label.split(".")
        obj = world[label]
        model_admin = admin.site._registry[apps.get_model(label)]
        urls = {
            "changelist": (reverse(f"admin:{app}_{model}_changelist"), access.sees),
            "add": (reverse(f"admin:{app}_{model}_add"), access.add),
            "change": (reverse(f"admin:{app}_{model}_change", args=[obj.pk]), access.sees),
            "delete": (reverse(f"admin:{app}_{model}_delete", args=[obj.pk]), access.delete),
            "history": (reverse(f"admin:{app}_{model}_history", args=[obj.pk]), access.reads_history),
        }
        if hasattr(model_admin, "history_form_view") and hasattr(obj, "history"):
            version = obj.history.order_by("history_id").first()
            urls["simple_history"] = (
                reverse(f"admin:{app}_{model}_simple_history", args=[obj.pk, version.history_id]),
                access.reads_history,
            )
        for kind, (url, allowed) in urls.items():
            rows.append((f"{label} {kind}", url, {role: 200 if role in allowed else 403 for role in ROLES}))
        # /admin/<app>/<model>/<id>/ only redirects to the change page.
        rows.append((f"{label} redirect", f"/admin/{app}/{model}/{obj.pk}/", dict.fromkeys(ROLES, 302)))
    for app, allowed in ADMIN_APPS.items():
        rows.append(
            (
                f"{app} app index",
                reverse("admin:app_list", args=[app]),
                {r: 200 if r in allowed else 404 for r in ROLES},
            )
        )
    booking = world["ibasho.booking"]
    content_type = ContentType.objects.get_for_model(booking)
    # "View on site": a booking's public address carries its secret token.
    rows.append(
        (
            "booking view on site",
            reverse("admin:view_on_site", args=[content_type.pk, booking.pk]),
            {r: 302 if r in STAFF else 403 for r in ROLES},
        )
    )
    autocomplete = (
        reverse("admin:autocomplete") + "?app_label=ibasho&model_name=booking&field_name=person&term=山"
    )
    rows.append(("person autocomplete", autocomplete, {r: 200 if r in STAFF else 403 for r in ROLES}))
    return rows


def _staff_url(name, spec, world):
    args = ([world[spec.obj].pk] if spec.obj else []) + list(spec.args)
    return reverse(name, args=args)


def _client(request, role):
    if role == ANON:
        from django.test import Client

        return Client()
    return request.getfixturevalue(FIXTURE_FOR[role])


def _answer(client, method, url, data=None):
    response = getattr(client, method)(url, data or {})
    return response.status_code, response.get("Location", "")


def _is_login_redirect(status, location):
    return status == 302 and location.startswith(reverse("admin:login"))


def database_state():
    """Everything our apps and the auth tables hold (sessions and sign-in records aside)."""
    skip = {"sessions.session", "axes.accesslog", "axes.accessattempt", "axes.accessfailurelog"}
    state = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in skip or model._meta.app_label in ("contenttypes",) or not model._meta.managed:
            continue
        state[label] = sorted(map(repr, model.objects.order_by().values_list()))
    return state


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_tables_say(request, world, role):
    client = _client(request, role)
    wrong = []
    for description, url, expected in _model_expectations(world):
        status, location = _answer(client, "get", url)
        if role == ANON:
            if not _is_login_redirect(status, location):
                wrong.append((description, url, status, "login"))
        elif status != expected[role]:
            wrong.append((description, url, status, expected[role]))
    for name, spec in STAFF_URLS.items():
        url = _staff_url(name, spec, world)
        if spec.method == "post":
            continue  # below
        status, location = _answer(client, "get", url)
        if role == ANON:
            if spec.anonymous == "login":
                if not _is_login_redirect(status, location):
                    wrong.append((name, url, status, "login"))
            elif status != spec.anonymous:
                wrong.append((name, url, status, spec.anonymous))
            continue
        want = spec.ok if role in spec.roles else spec.refused
        if status != want:
            wrong.append((name, url, status, want))
    assert not wrong, "\n".join(f"{d}: {u} answered {s}, expected {e}" for d, u, s, e in wrong)


@pytest.mark.parametrize("role", ROLES)
def test_refused_posts_change_nothing(request, world, role):
    """Every write a role may not make is refused (403, or the login page) and leaves the database as it was."""
    client = _client(request, role)
    wrong = []
    attempts = []
    for label, access in ADMIN_MODELS.items():
        app, model = label.split(".")
        obj = world[label]
        for allowed, url in (
            (access.add, reverse(f"admin:{app}_{model}_add")),
            (access.change, reverse(f"admin:{app}_{model}_change", args=[obj.pk])),
            (access.delete, reverse(f"admin:{app}_{model}_delete", args=[obj.pk])),
        ):
            if role not in allowed:
                attempts.append(
                    (f"{label} {url}", url, {"post": "yes", "name": "x", "family_name": "x"}, 403)
                )
        model_admin = admin.site._registry[apps.get_model(label)]
        if hasattr(model_admin, "history_form_view") and hasattr(obj, "history"):
            version = obj.history.order_by("history_id").first()
            url = reverse(f"admin:{app}_{model}_simple_history", args=[obj.pk, version.history_id])
            # Nobody reverts: 403 for those who may read it, 403 for the rest as well.
            attempts.append((f"{label} revert", url, {"_save": "1"}, 403))
    for name, spec in STAFF_URLS.items():
        if spec.method == "post" and role not in spec.roles:
            attempts.append((name, _staff_url(name, spec, world), spec.data, spec.refused))
    before = database_state()  # refused attempts leave it as it is, so one baseline serves all
    for description, url, data, want in attempts:
        status, location = _answer(client, "post", url, data)
        refused = _is_login_redirect(status, location) if role == ANON else status == want
        if not refused:
            wrong.append(f"{description}: answered {status}")
        if database_state() != before:
            wrong.append(f"{description}: changed the database")
    assert attempts
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", [CW, CO, MG])
def test_allowed_posts_do_what_they_say(request, world, role):
    client = _client(request, role)
    wrong = []
    for name, spec in STAFF_URLS.items():
        if spec.method != "post" or role not in spec.roles:
            continue
        before = database_state()
        status, _location = _answer(client, "post", _staff_url(name, spec, world), spec.data)
        if spec.ok == ANY_ANSWER:
            if status == 403 or status >= 500:
                wrong.append(f"{name}: answered {status}")
        elif status != spec.ok:
            wrong.append(f"{name}: answered {status}, expected {spec.ok} {_location}")
        if spec.changes and database_state() == before:
            wrong.append(f"{name}: changed nothing")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", [CW, CO, MG])
def test_refused_admin_actions_change_nothing(request, world, role):
    """A view-only role posting an action it may not run gets nothing done."""
    client = _client(request, role)
    wrong = []
    for label, access in ADMIN_MODELS.items():
        if role not in access.view or role in access.change:
            continue
        model = apps.get_model(label)
        model_admin = admin.site._registry[model]
        app, name = label.split(".")
        for action in model_admin.actions or []:
            action_name = action if isinstance(action, str) else action.__name__
            before = database_state()
            response = client.post(
                reverse(f"admin:{app}_{name}_changelist"),
                {"action": action_name, "_selected_action": [world[label].pk], "post": "yes"},
            )
            if response.status_code not in (200, 302, 403):
                wrong.append(f"{label} {action_name}: answered {response.status_code}")
            if database_state() != before:
                wrong.append(f"{label} {action_name}: changed the database")
    assert not wrong, "\n".join(wrong)


# --- the filter-lookup attack, on every admin ------------------------------------


def _filter_base(key):
    """The field a filter key is about: `x`, `x__exact`, `x__id__exact`, `x__gte`… are all about x."""
    for suffix in ("__id__exact", "__pk__exact", "__exact", "__isnull", "__gte", "__lt", "__isempty"):
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


def _shown_filter_parameters(html):
    """The query-string keys that the filter sidebar and the date hierarchy links on the page use."""
    blocks = re.findall(r'<nav id="changelist-filter".*?</nav>', html, re.S)
    blocks += re.findall(r'<nav class="toplinks">.*?</nav>', html, re.S)  # the date hierarchy
    keys = set()
    for block in blocks:
        for query in re.findall(r'href="\?([^"]*)"', block):
            for part in query.replace("&amp;", "&").split("&"):
                if part:
                    keys.add(_filter_base(part.split("=", 1)[0]))
    return keys


@pytest.mark.parametrize("role", [CW, CO, MG])
def test_no_lookup_beyond_the_shown_filters(request, world, role):
    """Every concrete field × __exact/__regex/__startswith on every admin a role can open:
    only lookups the role's own filter sidebar offers are answered; the rest get 400."""
    client = _client(request, role)
    wrong = []
    tried = 0
    for label, access in ADMIN_MODELS.items():
        if role not in access.sees:
            continue
        model = apps.get_model(label)
        app, name = label.split(".")
        changelist = reverse(f"admin:{app}_{name}_changelist")
        html = client.get(changelist).content.decode()
        shown = _shown_filter_parameters(html)
        for model_field in model._meta.concrete_fields:
            for suffix in ("__exact", "__regex", "__startswith"):
                key = f"{model_field.name}{suffix}"
                value = "1" if suffix == "__exact" else "^a"
                response = client.get(f"{changelist}?{key}={value}")
                tried += 1
                accepted = response.status_code == 200 or (
                    # Django's answer to a shown filter given a value it cannot use.
                    response.status_code == 302 and response["Location"].endswith("?e=1")
                )
                if accepted and _filter_base(key) not in shown:
                    wrong.append(
                        f"{label}: {key} answered {response.status_code} but is not a filter {role} is shown"
                    )
                elif not accepted and response.status_code != 400:
                    wrong.append(f"{label}: {key} answered {response.status_code}")
                if suffix != "__exact" and response.status_code != 400:
                    wrong.append(f"{label}: {key} answered {response.status_code}, not 400")
    assert tried > 50
    assert not wrong, "\n".join(wrong)
