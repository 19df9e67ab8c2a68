"""The consultations models, one module per subject; import them from here."""

from .cases import Agency, Case, CaseQuerySet, CaseStatusChange, ContactLog, ReferenceCounter, Referral
from .community import Area, CommunityMeeting, CommunityMeetingAttendee, CommunityNeed, CommunityNeedFollowUp
from .intake import AgeRange, ConcernReport, ConsultationRequest, Intake, IntakeStatus, Topic
from .outreach import OutreachVisit
from .people import Consent, Household, JapaneseNameMixin, Person
from .plans import (
    LIFE_AREAS,
    Assessment,
    Meeting,
    MeetingCaseReview,
    PlanGoal,
    PlanRole,
    Rating,
    SupportPlan,
    add_months,
)

__all__ = [
    "LIFE_AREAS",
    "AgeRange",
    "Agency",
    "Area",
    "Assessment",
    "Case",
    "CaseQuerySet",
    "CaseStatusChange",
    "CommunityMeeting",
    "CommunityMeetingAttendee",
    "CommunityNeed",
    "CommunityNeedFollowUp",
    "ConcernReport",
    "Consent",
    "ConsultationRequest",
    "ContactLog",
    "Household",
    "Intake",
    "IntakeStatus",
    "JapaneseNameMixin",
    "Meeting",
    "MeetingCaseReview",
    "OutreachVisit",
    "Person",
    "PlanGoal",
    "PlanRole",
    "Rating",
    "ReferenceCounter",
    "Referral",
    "SupportPlan",
    "Topic",
    "add_months",
]
