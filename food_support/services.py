"""Business rules for food support: applications, registrations, distributions and rosters."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import Household, Person
from welfare_portal.errors import DomainError

from .models import (
    REVIEW_INTERVAL_DAYS,
    Distribution,
    FoodApplication,
    FoodRegistration,
    PickupPlace,
    RosterEntry,
    parcel_size_for,
)


class FoodSupportError(DomainError):
    """A rule of food support was broken; the message is for the member of staff."""


class AlreadyRegistered(FoodSupportError):
    pass


class ApplicationAlreadyReviewed(FoodSupportError):
    pass


class DistributionExists(FoodSupportError):
    pass


class ReasonRequired(FoodSupportError):
    pass


class NotOnRoster(FoodSupportError):
    pass


class AlreadyPickedUp(FoodSupportError):
    pass


class PersonInAnotherHousehold(FoodSupportError):
    pass


def _review_date(day):
    return day + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


# --- applications ----------------------------------------------------------


def application_submit(*, submission_token, **data):
    """Save what a resident sent from /food/. Returns (application, created).

    The same submission token twice (a double press, a re-sent POST) returns the
    first application instead of saving a second one.
    """
    existing = FoodApplication.objects.filter(submission_token=submission_token).first()
    if existing:
        return existing, False
    application = FoodApplication(submission_token=submission_token, **data)
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Two presses raced each other: the other request saved it first.
        return FoodApplication.objects.get(submission_token=submission_token), False
    return application, True


def application_register(*, application, user, person=None, household=None):
    """Register an application: link (or create) the Person and Household, open a registration.

    Staff pass `person`/`household` when the review found that the applicant is already
    known, so one household is never registered twice. A person chosen with a household
    they do not belong to is refused.
    """
    if person is not None and household is not None and person.household_id not in (None, household.pk):
        raise PersonInAnotherHousehold(
            _("The chosen person belongs to another household. Choose their household, or no household.")
        )
    try:
        return _register(application=application, user=user, person=person, household=household)
    except IntegrityError as error:
        # Another member of staff registered the same household at the same moment.
        raise AlreadyRegistered(_("This household already has a food support registration.")) from error
    except ValidationError as error:
        raise FoodSupportError(
            _("The application could not be registered as it is (%(problems)s). Correct it, then try again.")
            % {"problems": "、".join(error.messages)}
        ) from error


def _register(*, application, user, person, household):
    with transaction.atomic():
        application = FoodApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != FoodApplication.Status.NEW:
            raise ApplicationAlreadyReviewed(_("This application has already been reviewed."))
        if household is None and person is not None and person.household_id:
            household = person.household
        if household is None:
            household = Household(
                name=f"{application.family_name}家",
                postal_code=application.postal_code,
                address=application.address,
                phone=application.phone,
            )
            household.full_clean()
            household.save()
        if person is None:
            person = Person(
                family_name=application.family_name,
                given_name=application.given_name,
                family_name_kana=application.family_name_kana,
                given_name_kana=application.given_name_kana,
                age_estimate=application.age,
                phone=application.phone,
                email=application.email,
                postal_code=application.postal_code,
                address=application.address,
                household=household,
                relationship=Person.Relationship.HEAD,
                created_by=user,
            )
            person.full_clean()
            person.save()
        elif person.household_id is None:
            person.household = household
            person.save(update_fields=["household", "updated_at"])
        open_registrations = FoodRegistration.objects.exclude(status=FoodRegistration.Status.ENDED)
        if (
            open_registrations.filter(household=household).exists()
            or open_registrations.filter(person=person).exists()
        ):
            raise AlreadyRegistered(_("This household already has a food support registration."))
        today = timezone.localdate()
        registration = FoodRegistration(
            person=person,
            household=household,
            adults=application.adults,
            children=application.children,
            allergies=application.allergies,
            pickup_place=application.preferred_place,
            status=FoodRegistration.Status.ACTIVE,
            registered_on=today,
            review_due_on=_review_date(today),
        )
        registration.full_clean()
        registration.save()
        application.status = FoodApplication.Status.REGISTERED
        application.registration = registration
        application.reviewed_by = user
        application.reviewed_at = timezone.now()
        application.save(update_fields=["status", "registration", "reviewed_by", "reviewed_at"])
    return registration


def application_decline(*, application, user, reason):
    if not reason.strip():
        raise ReasonRequired(_("Please give a reason."))
    with transaction.atomic():
        application = FoodApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != FoodApplication.Status.NEW:
            raise ApplicationAlreadyReviewed(_("This application has already been reviewed."))
        application.status = FoodApplication.Status.DECLINED
        application.decline_reason = reason.strip()
        application.reviewed_by = user
        application.reviewed_at = timezone.now()
        application.save(update_fields=["status", "decline_reason", "reviewed_by", "reviewed_at"])
    return application


# --- registrations -----------------------------------------------------------


def registration_is_eligible(*, registration, day):
    """Does this registration get food at a distribution on `day`?"""
    return (
        registration.status == FoodRegistration.Status.ACTIVE
        and registration.registered_on <= day <= registration.review_due_on
    )


def registration_change_status(*, registration, status, reason=""):
    """Move a registration to 審査中・利用中・休止・終了; pausing and ending need a reason."""
    reason = reason.strip()
    if status in (FoodRegistration.Status.PAUSED, FoodRegistration.Status.ENDED) and not reason:
        raise ReasonRequired(_("Please give the reason for pausing or ending the registration."))
    with transaction.atomic():
        registration = FoodRegistration.objects.select_for_update().get(pk=registration.pk)
        registration.status = status
        registration.status_reason = reason
        try:
            registration.full_clean()
            registration.save(update_fields=["status", "status_reason", "updated_at"])
        except (ValidationError, IntegrityError) as error:
            # Reopening an ended registration while the household has another open one.
            raise AlreadyRegistered(_("This household already has a food support registration.")) from error
    return registration


def registration_renew(*, registration, day=None):
    """The yearly review is done: the registration runs for another year from `day`."""
    day = day or timezone.localdate()
    with transaction.atomic():
        registration = FoodRegistration.objects.select_for_update().get(pk=registration.pk)
        registration.review_due_on = _review_date(day)
        registration.full_clean()
        registration.save(update_fields=["review_due_on", "updated_at"])
    return registration


# --- distributions and rosters -------------------------------------------------


@dataclass
class RosterResult:
    distribution: Distribution
    added: list = field(default_factory=list)
    due_for_renewal: list = field(default_factory=list)
    kept: int = 0  # rows that were on the roster already and stay as they are
    created: bool = False  # the distribution itself was opened by this step


def distribution_create(*, place, date, starts_at, ends_at, notes=""):
    distribution = Distribution(
        place=place, date=date, month=date.replace(day=1), starts_at=starts_at, ends_at=ends_at, notes=notes
    )
    try:
        distribution.full_clean()
    except ValidationError as error:
        if Distribution.objects.filter(place=place, month=distribution.month).exists():
            raise DistributionExists(
                _("%(place)s already has a distribution in that month.") % {"place": place}
            ) from error
        raise
    with transaction.atomic():
        try:
            distribution.save()
        except IntegrityError as error:
            raise DistributionExists(
                _("%(place)s already has a distribution in that month.") % {"place": place}
            ) from error
    return distribution


def roster_generate(*, distribution):
    """Put every registration eligible on the distribution's day on its roster.

    Idempotent: running it again adds newcomers and leaves existing rows (and their
    pick-up ticks) as they are. Rows are never removed here, so people who did not
    come, or whose status changed since, stay visible for follow-up. Registrations
    past their yearly review are not added but returned for renewal.
    """
    day = distribution.date
    with transaction.atomic():
        # Lock the distribution so two coordinators pressing "generate" at once queue up.
        Distribution.objects.select_for_update().get(pk=distribution.pk)
        on_roster = RosterEntry.objects.filter(distribution=distribution).values("registration_id")
        kept = on_roster.count()
        newcomers = (
            FoodRegistration.objects.eligible_on(day)
            .filter(pickup_place=distribution.place_id)
            .exclude(pk__in=on_roster)
            .only("pk", "adults", "children")  # all a roster row copies (20,000 rows in a second or two)
        )
        entries = [
            RosterEntry(
                distribution=distribution,
                registration=registration,
                adults=registration.adults,
                children=registration.children,
                parcel_size=parcel_size_for(registration.household_size),
            )
            for registration in newcomers
        ]
        RosterEntry.objects.bulk_create(entries, ignore_conflicts=True, batch_size=1000)
        due = list(FoodRegistration.objects.renewal_due_for(distribution))
    return RosterResult(
        distribution=distribution, added=[e.registration for e in entries], due_for_renewal=due, kept=kept
    )


def same_weekday_in_month(day, month):
    """The same weekday in the same week of `month` (2nd Saturday → 2nd Saturday, 5th → last)."""
    week = (day.day - 1) // 7
    first = month.replace(day=1)
    offset = (day.weekday() - first.weekday()) % 7
    candidate = first + datetime.timedelta(days=offset + 7 * week)
    if candidate.month != first.month:
        candidate -= datetime.timedelta(days=7)
    return candidate


def next_month_date(day):
    return same_weekday_in_month(day, (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1))


def distribution_rollover(*, place, date, starts_at, ends_at, notes=""):
    """月次の切り替え: open a month's distribution and its roster in one step."""
    with transaction.atomic():
        distribution = distribution_create(
            place=place, date=date, starts_at=starts_at, ends_at=ends_at, notes=notes
        )
        result = roster_generate(distribution=distribution)
    result.created = True
    return result


def pickup_record(*, entry, user, by_proxy=False, proxy_name="", when=None):
    """Tick a roster row: picked up now (or `when`), in person or by a named proxy.

    A row already ticked (a double tap, or a second tablet at the same table) is left
    as it is: the first tick's time and proxy stand. Undo first to correct it.
    """
    proxy_name = proxy_name.strip()
    if by_proxy and not proxy_name:
        raise ReasonRequired(_("Please write who collected the food."))
    with transaction.atomic():
        entry = RosterEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.picked_up:
            raise AlreadyPickedUp(
                _("This household's pick-up was already recorded. Undo it first to change it.")
            )
        entry.picked_up = True
        entry.picked_up_at = when or timezone.now()
        entry.by_proxy = by_proxy
        entry.proxy_name = proxy_name if by_proxy else ""
        entry.checked_by = user
        entry.full_clean()
        entry.save(update_fields=["picked_up", "picked_up_at", "by_proxy", "proxy_name", "checked_by"])
    return entry


def pickup_undo(*, entry, user):
    """Untick a row ticked by mistake; the history keeps who did it."""
    with transaction.atomic():
        entry = RosterEntry.objects.select_for_update().get(pk=entry.pk)
        entry.picked_up = False
        entry.picked_up_at = None
        entry.by_proxy = False
        entry.proxy_name = ""
        entry.checked_by = user
        entry.full_clean()
        entry.save(update_fields=["picked_up", "picked_up_at", "by_proxy", "proxy_name", "checked_by"])
    return entry


def month_rollover(*, month):
    """月次の切り替え for every place at once: open `month`'s distributions and rosters.

    Each place that had a distribution before gets one in `month` on the same week and
    weekday, with the same hours; a place that already has one only has its roster
    brought up to date. Returns one RosterResult per place, with its renewals due.
    """
    month = month.replace(day=1)
    results = []
    with transaction.atomic():
        # Lock the places first: a second rollover (a double press, or two coordinators)
        # waits here until the first has committed, then only brings the rosters up to date.
        places = list(PickupPlace.objects.select_for_update().filter(is_active=True).order_by("pk"))
        for place in sorted(places, key=lambda p: p.name):
            existing = Distribution.objects.filter(place=place, month=month).first()
            if existing is not None:
                results.append(roster_generate(distribution=existing))
                continue
            previous = Distribution.objects.filter(place=place, month__lt=month).order_by("-date").first()
            if previous is None:
                continue  # a new place: the coordinator sets its first day by hand
            try:
                results.append(
                    distribution_rollover(
                        place=place,
                        date=same_weekday_in_month(previous.date, month),
                        starts_at=previous.starts_at,
                        ends_at=previous.ends_at,
                        notes=previous.notes,
                    )
                )
            except DistributionExists:
                # Opened meanwhile by someone not holding the place lock (the admin, a form).
                existing = Distribution.objects.get(place=place, month=month)
                results.append(roster_generate(distribution=existing))
    return results
