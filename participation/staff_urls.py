from django.urls import path

from . import staff_views

app_name = "participation_staff"

# Staff pages beyond the admin, at /staff/participation/; login and permissions required.
urlpatterns = [
    path("", staff_views.profile_list, name="profile-list"),
    path("profiles/<int:pk>/", staff_views.profile_detail, name="profile-detail"),
    path("profiles/<int:pk>/offer/", staff_views.offer_create, name="offer-create"),
    path("profiles/<int:pk>/referral/", staff_views.referral_create, name="referral-create"),
    path("offers/<int:pk>/visit/", staff_views.offer_visit, name="offer-visit"),
    path("offers/<int:pk>/answer/", staff_views.offer_respond, name="offer-respond"),
    path("activities/", staff_views.activity_list, name="activity-list"),
    path("activities/<int:pk>/", staff_views.activity_detail, name="activity-detail"),
    path("activities/<int:pk>/invite/", staff_views.activity_invite, name="activity-invite"),
    path("placements/<int:pk>/", staff_views.placement_detail, name="placement-detail"),
    path("placements/<int:pk>/move/<slug:step>/", staff_views.placement_move, name="placement-move"),
    path("placements/<int:pk>/log/", staff_views.placement_log, name="placement-log"),
    path("interest/", staff_views.enquiry_list, name="enquiry-list"),
    path("interest/<int:pk>/", staff_views.enquiry_detail, name="enquiry-detail"),
    path("interest/<int:pk>/contacted/", staff_views.enquiry_contacted, name="enquiry-contacted"),
    path("interest/<int:pk>/close/", staff_views.enquiry_close, name="enquiry-close"),
]
