"""Coordinators' pages: profiles with ranked suggestions, activities with suited people,
the interest queue, and placements moving from 見学 to 終了.

Thin views: forms parse, `services` write (their errors become messages or
field errors), `matching` and `selectors` read. A POST whose form has errors
shows the same page again with the errors next to the fields.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations import services as consultation_services
from consultations.models import Person
from welfare_portal.permissions import staff_required

from . import matching, selectors, services
from .forms import (
    EndForm,
    EnquiryCloseForm,
    LogForm,
    NewPersonForm,
    OfferResponseForm,
    PersonChoiceForm,
    ProfileForm,
    ReferralForm,
    StageForm,
    VisitForm,
)
from .models import Activity, Enquiry, Offer, Participant, Placement

VIEW_PROFILE = "participation.view_participant"
VIEW_ACTIVITY = "participation.view_activity"
VIEW_PLACEMENT = "participation.view_placement"
VIEW_ENQUIRY = "participation.view_enquiry"
ADD_OFFER = "participation.add_offer"
ANSWER_OFFER = "participation.change_offer"
ADD_PLACEMENT = "participation.add_placement"
MOVE_PLACEMENT = "participation.change_placement"
ADD_LOG = "participation.add_placementlog"
ADD_REFERRAL = "participation.add_workreferral"
ANSWER_ENQUIRY = "participation.change_enquiry"
ADD_PROFILE = "participation.add_participant"


def _participant(pk):
    return get_object_or_404(Participant.objects.select_related("person", "district", "coordinator"), pk=pk)


def _can(request, *perms):
    return request.user.has_perms(perms)


def _posted_pk(request, name):
    """A record id sent by a form button; anything else is a 404, not a server error."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


# --- profiles ------------------------------------------------------------------------


@staff_required(VIEW_PROFILE)
def profile_list(request):
    show_all = request.GET.get("show") == "all"
    return render(
        request,
        "participation/staff/profile_list.html",
        {
            "title": _("Participant profiles"),
            "nav": "profiles",
            "participants": selectors.profile_rows(active_only=not show_all),
            "show_all": show_all,
        },
    )


def _profile_page(request, participant, *, visit_forms=None, referral_form=None, status=200):
    history = selectors.profile_history(participant)
    visit_forms = visit_forms or {}
    for offer in history["offers"]:
        offer.visit_form = visit_forms.get(offer.pk) or VisitForm(
            prefix=f"offer-{offer.pk}", initial={"visit_date": timezone.localdate()}
        )
        offer.response_form = OfferResponseForm(prefix=f"answer-{offer.pk}")
    return render(
        request,
        "participation/staff/profile_detail.html",
        {
            "title": _("Suggestions for %(name)s") % {"name": participant.person.full_name},
            "nav": "profiles",
            "participant": participant,
            "interests": list(participant.interests.all()),
            "totals": selectors.participant_totals(participant),
            "match": matching.activities_match(participant=participant),
            "referral_form": referral_form or ReferralForm(initial={"referred_on": timezone.localdate()}),
            "can_offer": _can(request, ADD_OFFER),
            "can_answer": _can(request, ANSWER_OFFER),
            "can_place": _can(request, ADD_PLACEMENT),
            "can_refer": _can(request, ADD_REFERRAL),
            "can_edit": _can(request, "participation.change_participant"),
            "can_see_person": _can(request, "consultations.view_person"),
            **history,
        },
        status=status,
    )


@staff_required(VIEW_PROFILE)
def profile_detail(request, pk):
    return _profile_page(request, _participant(pk))


@require_POST
@staff_required(ADD_OFFER)
def offer_create(request, pk):
    """One click on a suggestion: the offer is recorded with the reasons shown."""
    participant = _participant(pk)
    activity = get_object_or_404(Activity, pk=_posted_pk(request, "activity"))
    try:
        services.offer_record(participant=participant, activity=activity, by=request.user)
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Offer of %(activity)s recorded.") % {"activity": activity.title})
    return redirect(reverse("participation_staff:profile-detail", args=[participant.pk]) + "#offers")


def _offer(pk):
    return get_object_or_404(Offer.objects.select_related("participant__person", "activity"), pk=pk)


@require_POST
@staff_required(ADD_PLACEMENT)
def offer_visit(request, pk):
    """They would like to see it: a 見学 on the chosen day starts the placement."""
    offer = _offer(pk)
    form = VisitForm(request.POST, prefix=f"offer-{offer.pk}")
    if not form.is_valid():
        return _profile_page(
            request, _participant(offer.participant_id), visit_forms={offer.pk: form}, status=400
        )
    try:
        placement = services.placement_arrange_visit(
            participant=offer.participant,
            activity=offer.activity,
            visit_date=form.cleaned_data["visit_date"],
            by=request.user,
            offer=offer,
        )
    except services.ParticipationError as error:
        messages.error(request, str(error))
        return redirect(
            reverse("participation_staff:profile-detail", args=[offer.participant_id]) + "#offers"
        )
    messages.success(
        request,
        _("Visit (kengaku) to %(activity)s recorded for %(date)s.")
        % {"activity": offer.activity.title, "date": placement.visit_date.strftime("%Y/%m/%d")},
    )
    return redirect(
        reverse("participation_staff:profile-detail", args=[offer.participant_id]) + "#placements"
    )


@require_POST
@staff_required(ANSWER_OFFER)
def offer_respond(request, pk):
    offer = _offer(pk)
    form = OfferResponseForm(request.POST, prefix=f"answer-{offer.pk}")
    if form.is_valid():
        try:
            services.offer_respond(offer=offer, **form.cleaned_data)
        except services.ParticipationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Answer recorded."))
    else:
        messages.error(request, _("Please choose the answer."))
    return redirect(reverse("participation_staff:profile-detail", args=[offer.participant_id]) + "#offers")


@require_POST
@staff_required(ADD_REFERRAL)
def referral_create(request, pk):
    participant = _participant(pk)
    form = ReferralForm(request.POST)
    placement = None
    if request.POST.get("placement"):
        placement = get_object_or_404(Placement, pk=_posted_pk(request, "placement"), participant=participant)
    if not form.is_valid():
        if placement is not None:
            return _placement_page(request, placement, referral_form=form, status=400)
        return _profile_page(request, participant, referral_form=form, status=400)
    try:
        services.work_referral_create(
            participant=participant, placement=placement, by=request.user, **form.cleaned_data
        )
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Referral recorded."))
    if placement is not None:
        return redirect("participation_staff:placement-detail", pk=placement.pk)
    return redirect(reverse("participation_staff:profile-detail", args=[participant.pk]) + "#referrals")


# --- activities -------------------------------------------------------------------------


@staff_required(VIEW_ACTIVITY)
def activity_list(request):
    return render(
        request,
        "participation/staff/activity_list.html",
        {
            "title": _("Activities and their participants"),
            "nav": "activities",
            "activities": selectors.activity_rows(),
        },
    )


@staff_required(VIEW_ACTIVITY, VIEW_PROFILE)
def activity_detail(request, pk):
    activity = get_object_or_404(
        Activity.objects.with_taken().select_related("host", "district").prefetch_related("interests"), pk=pk
    )
    current = list(
        activity.placements.open().select_related("participant__person").order_by("stage", "visit_date")
    )
    return render(
        request,
        "participation/staff/activity_detail.html",
        {
            "title": activity.title,
            "nav": "activities",
            "activity": activity,
            "totals": selectors.activity_totals(activity),
            "suited": matching.participants_match(activity=activity),
            "current": current,
            "can_invite": _can(request, ADD_OFFER),
        },
    )


@require_POST
@staff_required(ADD_OFFER)
def activity_invite(request, pk):
    """ "Invite" from the activity's suited participants: recorded as an invitation."""
    activity = get_object_or_404(Activity, pk=pk)
    participant = get_object_or_404(
        Participant.objects.select_related("person"), pk=_posted_pk(request, "participant")
    )
    try:
        services.offer_record(
            participant=participant, activity=activity, by=request.user, kind=Offer.Kind.INVITATION
        )
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Invitation to %(name)s recorded.") % {"name": participant.person.full_name}
        )
    return redirect(reverse("participation_staff:activity-detail", args=[activity.pk]) + "#suited")


# --- placements ----------------------------------------------------------------------------


def _placement(pk):
    return get_object_or_404(
        Placement.objects.select_related("participant__person", "activity__host", "offer"), pk=pk
    )


def _placement_page(request, placement, *, status=200, **forms):
    today = timezone.localdate()
    context = {
        "title": f"{placement.participant.person.full_name} / {placement.activity.title}",
        "placement": placement,
        "logs": list(placement.logs.select_related("written_by")),
        "referrals": list(placement.referrals.all()),
        "trial_form": StageForm(prefix="trial", initial={"on": today}),
        "ongoing_form": StageForm(prefix="ongoing", initial={"on": today}),
        "end_form": EndForm(prefix="end", initial={"on": today}),
        "log_form": LogForm(prefix="log", initial={"date": today, "attended": True}),
        "referral_form": ReferralForm(initial={"referred_on": today}),
        "can_move": _can(request, MOVE_PLACEMENT),
        "can_log": _can(request, ADD_LOG),
        "can_refer": _can(request, ADD_REFERRAL),
        **forms,
    }
    return render(request, "participation/staff/placement_detail.html", context, status=status)


@staff_required(VIEW_PLACEMENT)
def placement_detail(request, pk):
    return _placement_page(request, _placement(pk))


STEPS = {
    "trial": (StageForm, services.placement_start_trial, _("Now trying out (taiken).")),
    "ongoing": (StageForm, services.placement_continue, _("Now taking part.")),
    "end": (EndForm, services.placement_end, _("The placement has ended.")),
}


@require_POST
@staff_required(MOVE_PLACEMENT)
def placement_move(request, pk, step):
    if step not in STEPS:
        return HttpResponseBadRequest()
    form_class, move, done = STEPS[step]
    placement = _placement(pk)
    form = form_class(request.POST, prefix=step)
    if not form.is_valid():
        return _placement_page(request, placement, status=400, **{f"{step}_form": form})
    try:
        move(placement=placement, **form.cleaned_data)
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(done))
    return redirect("participation_staff:placement-detail", pk=placement.pk)


@require_POST
@staff_required(ADD_LOG)
def placement_log(request, pk):
    placement = _placement(pk)
    form = LogForm(request.POST, prefix="log")
    if form.is_valid():
        try:
            services.placement_log_add(placement=placement, written_by=request.user, **form.cleaned_data)
        except services.ParticipationError as error:
            form.add_error("date" if isinstance(error, services.BadDate) else None, str(error))
        else:
            messages.success(request, _("The day is recorded."))
            return redirect(reverse("participation_staff:placement-detail", args=[placement.pk]) + "#logs")
    return _placement_page(request, placement, status=400, log_form=form)


# --- the interest queue --------------------------------------------------------------------


@staff_required(VIEW_ENQUIRY)
def enquiry_list(request):
    status = request.GET.get("status", "open")
    if status not in ("open", "all", *Enquiry.Status.values):
        status = "open"
    filters = (
        [("open", _("to answer"))]
        + [(value, label) for value, label in Enquiry.Status.choices if value not in Enquiry.OPEN]
        + [("all", _("all"))]
    )
    return render(
        request,
        "participation/staff/enquiry_list.html",
        {
            "title": _("Interest messages"),
            "nav": "enquiries",
            "enquiries": selectors.enquiry_queue(status=status)[:200],
            "status": status,
            "filters": filters,
        },
    )


def _enquiry(pk):
    return get_object_or_404(
        Enquiry.objects.select_related("activity", "participant__person", "handled_by"), pk=pk
    )


def _candidates(enquiry):
    family, _sp, given = enquiry.name.partition(" ")
    return consultation_services.person_match_suggestions(
        family_name=family, given_name=given, kana=enquiry.name_kana, phone=enquiry.phone
    )


def _profile_initial(activity):
    """Start from the activity they chose: it is what they said they could do."""
    if activity is None:
        return {}
    return {
        "preferred_setting": activity.setting,
        "max_load": activity.load,
        "contact_comfort": activity.contact,
        "preferred_pace": activity.pace,
        "goal": activity.goal,
        "interests": [interest.pk for interest in activity.interests.all()],
        "district": activity.district_id,
    }


def _person_initial(enquiry):
    family, _sp, given = enquiry.name.partition(" ")
    family_kana, _sp, given_kana = enquiry.name_kana.partition(" ")
    return {
        "family_name": family,
        "given_name": given,
        "family_name_kana": family_kana,
        "given_name_kana": given_kana,
        "phone": enquiry.phone,
        "email": enquiry.email,
    }


@staff_required(VIEW_ENQUIRY)
def enquiry_detail(request, pk):
    enquiry = _enquiry(pk)
    candidates = _candidates(enquiry) if enquiry.is_open else []
    status = 200
    if request.method == "POST":
        if not _can(request, ANSWER_ENQUIRY, ADD_PROFILE):
            raise PermissionDenied
        choice_form = PersonChoiceForm(request.POST, candidates=candidates)
        person_form = NewPersonForm(request.POST, prefix="person")
        profile_form = ProfileForm(request.POST, prefix="profile")
        participant = _enquiry_link(request, enquiry, choice_form, person_form, profile_form)
        if participant is not None:
            messages.success(
                request, _("Linked to the profile of %(name)s.") % {"name": participant.person.full_name}
            )
            return redirect("participation_staff:profile-detail", pk=participant.pk)
        status = 400
    else:
        choice_form = PersonChoiceForm(candidates=candidates)
        person_form = NewPersonForm(prefix="person", initial=_person_initial(enquiry))
        profile_form = ProfileForm(prefix="profile", initial=_profile_initial(enquiry.activity))
    return render(
        request,
        "participation/staff/enquiry_detail.html",
        {
            "title": _("Interest message %(reference)s") % {"reference": enquiry.reference},
            "nav": "enquiries",
            "enquiry": enquiry,
            "candidates": candidates,
            "choice_form": choice_form,
            "person_form": person_form,
            "profile_form": profile_form,
            "close_form": EnquiryCloseForm(),
            "can_answer": _can(request, ANSWER_ENQUIRY),
            "can_link": _can(request, ANSWER_ENQUIRY, ADD_PROFILE),
        },
        status=status,
    )


def _enquiry_link(request, enquiry, choice_form, person_form, profile_form):
    """Validate the three forms as one; returns the participant, or None with errors on the forms."""
    if not choice_form.is_valid():
        return None
    person_pk = choice_form.cleaned_data["person"]
    person = None
    if person_pk is not None:
        person = get_object_or_404(Person, pk=person_pk)
    elif not request.user.has_perm("consultations.add_person"):
        choice_form.add_error("person", _("You may only link someone already registered."))
        return None
    needs_profile = person is None or not Participant.objects.filter(person=person).exists()
    forms_ok = (person is not None or person_form.is_valid()) and (
        not needs_profile or profile_form.is_valid()
    )
    if not forms_ok:
        return None
    profile_fields = {}
    interests = ()
    if needs_profile:
        profile_fields = {k: v for k, v in profile_form.cleaned_data.items() if k != "interests"}
        interests = profile_form.cleaned_data["interests"]
    try:
        return services.enquiry_link(
            enquiry=enquiry,
            by=request.user,
            person=person,
            person_fields=person_form.cleaned_data if person is None else None,
            profile_fields=profile_fields,
            interests=interests,
        )
    except services.ParticipationError as error:
        messages.error(request, str(error))
        return None


@require_POST
@staff_required(ANSWER_ENQUIRY)
def enquiry_contacted(request, pk):
    enquiry = _enquiry(pk)
    try:
        services.enquiry_mark_contacted(enquiry=enquiry, by=request.user)
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as in contact."))
    return redirect("participation_staff:enquiry-detail", pk=enquiry.pk)


@require_POST
@staff_required(ANSWER_ENQUIRY)
def enquiry_close(request, pk):
    enquiry = _enquiry(pk)
    form = EnquiryCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write why it is closed."))
        return redirect("participation_staff:enquiry-detail", pk=enquiry.pk)
    try:
        services.enquiry_close(enquiry=enquiry, reason=form.cleaned_data["reason"], by=request.user)
    except services.ParticipationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Closed."))
    return redirect(reverse("participation_staff:enquiry-list") + "?status=open")
