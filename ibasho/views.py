from django.shortcuts import render


# Placeholder until bookings land (issue 4).
def gathering_list(request):
    return render(request, "consultations/placeholder.html")
