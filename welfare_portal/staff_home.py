"""The staff home (/staff/) and the one staff navigation, gathered from every app.

Each app offers, in its selectors.py, `staff_home_tiles(*, user, today)`
returning `Tile` objects for what needs doing today, only those the user may
act on, each counted with an aggregate query (the page's query count must not
grow with the data). welfare_portal composes them, as it does the timeline.

`STAFF_PAGES` is the menu of staff pages beyond the admin's model lists, shown
on the home page and in the admin's side menu, so every staff page is one or
two clicks from anywhere. A new staff page gets a line here.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tile:
    """One thing on the staff home: a count and the filtered list where the work is done."""

    section: str  # programme heading, e.g. 相談支援
    title: str
    url: str
    count: int | None = None
    urgent: bool = False  # shown with the word 急ぎ as well as the colour
    note: str = ""  # one line under the title: a date, a place, a second figure
    links: tuple = field(default_factory=tuple)  # more (label, url) pairs: roster, attendance, exports

    @property
    def is_empty(self):
        return self.count == 0


@dataclass(frozen=True)
class StaffPage:
    section: str
    label: str
    url_name: str
    permissions: tuple = ()

    def url(self):
        return reverse(self.url_name)


CONSULTATION = _("Consultation support")
IBASHO = _("Space Shiori")
PARTICIPATION = _("Participation support")
FOOD = _("Food support")
COMMUNITY = _("Community development")
MANAGEMENT = _("Management")

# Staff pages beyond the model lists, by programme; shown to whoever has the permissions.
STAFF_PAGES = [
    StaffPage(
        COMMUNITY,
        _("Areas: needs and community meetings"),
        "consultations_staff:area-list",
        ("consultations.view_area", "consultations.view_communityneed"),
    ),
    StaffPage(
        IBASHO, _("Gatherings and bookings: numbers"), "ibasho_staff:numbers", ("ibasho.view_gathering",)
    ),
    StaffPage(
        PARTICIPATION,
        _("Interest messages to answer"),
        "participation_staff:enquiry-list",
        ("participation.view_enquiry",),
    ),
    StaffPage(
        PARTICIPATION,
        _("Participant profiles and suggestions"),
        "participation_staff:profile-list",
        ("participation.view_participant",),
    ),
    StaffPage(
        PARTICIPATION,
        _("Activities and suited participants"),
        "participation_staff:activity-list",
        ("participation.view_activity", "participation.view_participant"),
    ),
    StaffPage(
        FOOD,
        _("Distributions and rosters"),
        "food_support_staff:distribution-list",
        ("food_support.view_distribution",),
    ),
    StaffPage(
        FOOD,
        _("Open next month's distributions"),
        "food_support_staff:distribution-rollover",
        ("food_support.add_distribution",),
    ),
    StaffPage(
        FOOD,
        _("Applications to review"),
        "food_support_staff:application-list",
        ("food_support.view_foodapplication",),
    ),
    StaffPage(
        FOOD,
        _("Registrations due for renewal"),
        "food_support_staff:review-list",
        ("food_support.view_foodregistration",),
    ),
    StaffPage(
        FOOD, _("Food support figures"), "food_support_staff:figures", ("food_support.view_distribution",)
    ),
    StaffPage(
        MANAGEMENT,
        _("Monthly figures for the city"),
        "staff-statistics",
        ("welfare_portal.view_statistics",),
    ),
    StaffPage(
        MANAGEMENT,
        _("Access log: who opened which record"),
        "admin:welfare_portal_accesslog_changelist",
        ("welfare_portal.view_accesslog",),
    ),
    StaffPage(MANAGEMENT, _("Staff users and roles"), "admin:auth_user_changelist", ("auth.view_user",)),
    StaffPage(
        MANAGEMENT, _("Sign-in lockouts"), "admin:axes_accessattempt_changelist", ("axes.view_accessattempt",)
    ),
    StaffPage(MANAGEMENT, _("Two-step sign-in (your own)"), "two-factor-setup"),
]


def staff_pages_for(user):
    """[(section, [(label, url), ...]), ...] of the staff pages this user may open, in menu order."""
    sections = {}
    for page in STAFF_PAGES:
        if user.has_perms(page.permissions):
            sections.setdefault(page.section, []).append((page.label, page.url()))
    return list(sections.items())
