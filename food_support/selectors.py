"""Reads for food support: possible duplicates, monthly figures and the timelines."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations.models import Household, Person
from welfare_portal import text
from welfare_portal.dates import staff_date
from welfare_portal.staff_home import Tile
from welfare_portal.statistics import (
    Section,
    Table,
    count_by_month,
    count_many_by_month,
    count_row,
    rate_row,
    series,
    total_row,
)
from welfare_portal.timeline import TimelineEntry

from .models import Distribution, FoodApplication, FoodRegistration, RosterEntry, monthly_totals

PROGRAMME = "食料支援"


def application_candidates(*, application, limit=10):
    """People and households that may be the applicant: same name, kana, phone or address.

    Returns (people, households), each a list of (record, reasons).
    """
    person_q = Q(family_name=application.family_name, given_name=application.given_name)
    person_q |= Q(family_name_kana=application.family_name_kana, given_name_kana=application.given_name_kana)
    household_q = Q(pk__in=[])
    if application.phone:
        person_q |= Q(phone=application.phone)
        household_q |= Q(phone=application.phone)
    if application.address:
        person_q |= Q(address=application.address)
        household_q |= Q(address=application.address)
    people = list(Person.objects.filter(person_q).select_related("household")[:limit])
    household_q |= Q(pk__in=[p.household_id for p in people if p.household_id])
    households = list(Household.objects.filter(household_q)[:limit])

    def person_reasons(person):
        reasons = []
        if person.full_name.replace(" ", "") == application.full_name.replace(" ", ""):
            reasons.append(_("same name"))
        if person.full_name_kana.replace(" ", "") == application.full_name_kana.replace(" ", ""):
            reasons.append(_("same furigana"))
        if application.phone and text.phone_digits(person.phone) == text.phone_digits(application.phone):
            reasons.append(_("same phone"))
        if application.address and person.address == application.address:
            reasons.append(_("same address"))
        return reasons

    def household_reasons(household):
        reasons = []
        if application.phone and text.phone_digits(household.phone) == text.phone_digits(application.phone):
            reasons.append(_("same phone"))
        if application.address and household.address == application.address:
            reasons.append(_("same address"))
        if any(p.household_id == household.pk for p in people):
            reasons.append(_("household of a matching person"))
        return reasons

    return (
        [(p, person_reasons(p)) for p in people],
        [(h, household_reasons(h)) for h in households],
    )


@dataclass(frozen=True)
class MonthlyFigures:
    month: datetime.date
    distributions: int
    households: int
    people: int
    children: int
    no_shows: int


def monthly_figures(*, month):
    """Households, people and children served and no-shows in the month starting `month`."""
    month = month.replace(day=1)
    entries = RosterEntry.objects.filter(distribution__month=month)
    totals = monthly_totals(entries, today=timezone.localdate())
    return MonthlyFigures(
        month=month,
        distributions=Distribution.objects.filter(month=month).count(),
        households=totals["households"],
        people=totals["adults"] + totals["children"],
        children=totals["children"],
        no_shows=totals["no_shows"],
    )


def _registration_entries(registrations):
    entries = []
    for registration in registrations:
        entries.append(
            TimelineEntry(
                when=registration.registered_on,
                programme=PROGRAMME,
                title=_("Registered for food support (%(status)s)")
                % {"status": registration.get_status_display()},
                detail=registration.status_reason,
                admin_url=reverse("admin:food_support_foodregistration_change", args=[registration.pk]),
            )
        )
    roster = (
        RosterEntry.objects.filter(registration__in=registrations, picked_up=True)
        .select_related("distribution__place")
        .order_by("picked_up_at")
    )
    for entry in roster:
        detail = _("Collected by %(name)s") % {"name": entry.proxy_name} if entry.by_proxy else ""
        entries.append(
            TimelineEntry(
                when=entry.picked_up_at,
                programme=PROGRAMME,
                title=_("Collected food at %(place)s") % {"place": entry.distribution.place.name},
                detail=detail,
                admin_url=reverse("food_support_staff:distribution-detail", args=[entry.distribution_id]),
            )
        )
    return entries


def person_timeline(person):
    registrations = list(FoodRegistration.objects.filter(person=person))
    return _registration_entries(registrations)


def household_timeline(household):
    registrations = list(FoodRegistration.objects.filter(household=household))
    return _registration_entries(registrations)


def staff_home_tiles(*, user, today):
    """This month's distributions with pick-ups so far, and the applications and renewals to review
    (for those who run food support)."""
    if not user.has_perm("food_support.change_rosterentry"):
        return []
    section = _("Food support")
    distributions = (
        Distribution.objects.filter(date__year=today.year, date__month=today.month)
        .select_related("place")
        .annotate(
            rows=Count("roster_entries"),
            picked_up=Count("roster_entries", filter=Q(roster_entries__picked_up=True)),
        )
        .order_by("date", "place__name")
    )
    may_export = user.has_perm("food_support.export_distribution")
    tiles = []
    for distribution in distributions:
        links = []
        if may_export:
            links = [
                ("XLSX", reverse("food_support_staff:roster-export-xlsx", args=[distribution.pk])),
                ("CSV", reverse("food_support_staff:roster-export-csv", args=[distribution.pk])),
                (_("Sign-off sheet"), reverse("food_support_staff:roster-signoff", args=[distribution.pk])),
            ]
        tiles.append(
            Tile(
                section,
                f"{staff_date(distribution.date)} {distribution.place.name}",
                reverse("food_support_staff:distribution-detail", args=[distribution.pk]),
                count=distribution.picked_up,
                note=_("%(picked_up)d of %(rows)d households have picked up")
                % {"picked_up": distribution.picked_up, "rows": distribution.rows},
                links=tuple(links),
            )
        )
    if not tiles:
        tiles.append(
            Tile(
                section,
                _("No distribution this month yet"),
                reverse("food_support_staff:distribution-list"),
                note=_("Open the month's distributions and rosters from the distributions page."),
            )
        )
    if user.has_perm("food_support.view_foodapplication"):
        tiles.append(
            Tile(
                section,
                _("Applications to review"),
                reverse("food_support_staff:application-list"),
                count=FoodApplication.objects.filter(status=FoodApplication.Status.NEW).count(),
            )
        )
    if user.has_perm("food_support.view_foodregistration"):
        tiles.append(
            Tile(
                section,
                _("Registrations due for renewal within 30 days"),
                reverse("food_support_staff:review-list"),
                count=FoodRegistration.objects.review_due_by(today + datetime.timedelta(days=30)).count(),
            )
        )
    return tiles


def statistics_sections(*, period, user):
    """食料支援 for the monthly figures, by the month of the distribution.

    As on the figures page, a household on the roster of a distribution that has
    not happened yet is not a no-show, and the pick-up rate counts only those
    that picked up or did not come.
    """
    today = timezone.localdate()
    picked = Q(picked_up=True)
    entries = count_many_by_month(
        RosterEntry.objects.all(),
        "distribution__date",
        period,
        values={
            "rostered": Count("pk"),
            "picked_up": Count("pk", filter=picked),
            "no_shows": Count("pk", filter=~picked & Q(distribution__date__lt=today)),
            "adults": Sum("adults", filter=picked, default=0),
            "children": Sum("children", filter=picked, default=0),
            "by_proxy": Count("pk", filter=picked & Q(by_proxy=True)),
            **{
                f"parcel_{size}": Count("pk", filter=picked & Q(parcel_size=size))
                for size in RosterEntry.ParcelSize.values
            },
        },
    )
    distributions = count_by_month(Distribution.objects.all(), "date", period)
    picked_up = count_row("picked-up", _("Households that picked up"), series(entries["picked_up"], period))
    no_shows = count_row("no-shows", _("No-shows"), series(entries["no_shows"], period))
    expected = count_row(
        "expected", "", [p + n for p, n in zip(picked_up.values, no_shows.values, strict=True)]
    )
    people = [
        a + c
        for a, c in zip(series(entries["adults"], period), series(entries["children"], period), strict=True)
    ]
    parcels = [
        count_row(f"parcel-{size}", label, series(entries[f"parcel_{size}"], period))
        for size, label in RosterEntry.ParcelSize.choices
    ]
    registrations = count_by_month(
        FoodRegistration.objects.exclude(status=FoodRegistration.Status.PENDING), "registered_on", period
    )
    applications = count_by_month(FoodApplication.objects.all(), "created_at", period)
    links = []
    if user.has_perm("food_support.view_distribution"):
        links.append((_("Food support figures"), reverse("food_support_staff:figures")))
    tables = (
        Table(
            "food-households",
            _("Distributions and households"),
            (
                count_row("distributions", _("Distributions"), series(distributions, period)),
                count_row("rostered", _("Households on the rosters"), series(entries["rostered"], period)),
                picked_up,
                no_shows,
                rate_row("pick-up-rate", _("Pick-up rate"), picked_up, expected),
            ),
            unit=pgettext("unit", "distributions / households"),
            note=_(
                "Pick-up rate: households that picked up, out of those that picked up or did not come. "
                "Distributions still to come are left out."
            ),
            chart=("rostered", "picked-up"),
        ),
        Table(
            "food-people",
            _("People served"),
            (
                count_row("people", _("People served (households that picked up)"), people),
                count_row("children", _("of whom children"), series(entries["children"], period)),
                count_row("by-proxy", _("Picked up by proxy"), series(entries["by_proxy"], period)),
            ),
            unit=pgettext("unit", "people / households"),
        ),
        Table(
            "food-parcels",
            _("Parcels handed out by size"),
            (*parcels, total_row(parcels)),
            unit=pgettext("unit", "parcels"),
        ),
        Table(
            "food-registrations",
            _("Applications and new registrations"),
            (
                count_row("applications", _("Applications received"), series(applications, period)),
                count_row("registrations", _("New registrations"), series(registrations, period)),
            ),
            unit=pgettext("unit", "households"),
        ),
    )
    return [Section("food_support", _("Food support"), tables, tuple(links))]


def person_records(person):
    """{model label: ids} of the person's food support records, for the access log."""
    return {
        "food_support.foodregistration": FoodRegistration.objects.filter(person=person).values("pk"),
        "food_support.rosterentry": RosterEntry.objects.filter(registration__person=person).values("pk"),
        "food_support.foodapplication": FoodApplication.objects.filter(registration__person=person).values(
            "pk"
        ),
    }


# --- a long roster on a tablet -------------------------------------------------------------

# The rows of the kana table (あ行, か行 …), by the first letter of the family name's reading.
KANA_GROUPS = [
    ("a", "あ", "アイウエオヴァィゥェォ"),
    ("ka", "か", "カキクケコガギグゲゴ"),
    ("sa", "さ", "サシスセソザジズゼゾ"),
    ("ta", "た", "タチツテトダヂヅデドッ"),
    ("na", "な", "ナニヌネノ"),
    ("ha", "は", "ハヒフヘホバビブベボパピプペポ"),
    ("ma", "ま", "マミムメモ"),
    ("ya", "や", "ヤユヨャュョ"),
    ("ra", "ら", "ラリルレロ"),
    ("wa", "わ", "ワヲン"),
]
OTHER_GROUP = "other"
# Up to this many rows the roster is one page; a longer one is shown a kana row at a time.
ROSTER_PAGE_ROWS = 150
_KANA_FIELD = "registration__person__family_name_kana"


def _group_q(key):
    if key == OTHER_GROUP:
        return ~_any_group_q()
    letters = {k: chars for k, _label, chars in KANA_GROUPS}[key]
    q = Q()
    for letter in letters:
        q |= Q(**{f"{_KANA_FIELD}__startswith": letter})
    return q


def _any_group_q():
    q = Q()
    for key, _label, _letters in KANA_GROUPS:
        q |= _group_q(key)
    return q


def kana_group_of(kana):
    first = (kana or "")[:1]
    for key, _label, letters in KANA_GROUPS:
        if first and first in letters:
            return key
    return OTHER_GROUP


@dataclass
class RosterPage:
    entries: list
    total: int
    picked: int
    groups: list  # [(key, label, rows)] when the roster is long, else []
    group: str | None


def roster_page(*, distribution, group=None):
    """The roster rows to show and the whole roster's counts, in three queries however long it is."""
    rows = RosterEntry.objects.filter(distribution=distribution)
    counts = rows.aggregate(
        total=Count("pk"),
        picked=Count("pk", filter=Q(picked_up=True)),
        **{f"group_{key}": Count("pk", filter=_group_q(key)) for key, _label, _letters in KANA_GROUPS},
        group_other=Count("pk", filter=_group_q(OTHER_GROUP)),
    )
    if counts["total"] <= ROSTER_PAGE_ROWS:
        return RosterPage(list(rows.for_roster()), counts["total"], counts["picked"], [], None)
    groups = [(key, label, counts[f"group_{key}"]) for key, label, _letters in KANA_GROUPS]
    groups.append((OTHER_GROUP, _("other"), counts["group_other"]))
    known = {key for key, _label, rows_in in groups if rows_in}
    if group not in known:
        group = next(key for key, _label, rows_in in groups if rows_in)
    entries = list(rows.filter(_group_q(group)).for_roster())
    return RosterPage(entries, counts["total"], counts["picked"], groups, group)
