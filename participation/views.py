from django.shortcuts import render

from .forms import ActivityFilterForm
from .models import Activity


def activity_list(request):
    form = ActivityFilterForm(request.GET or None)
    activities = Activity.objects.published().for_menu()
    if form.is_bound:
        activities = form.filter(activities)
    return render(
        request,
        "participation/activity_list.html",
        {"form": form, "activities": list(activities), "filtered": form.is_bound},
    )
