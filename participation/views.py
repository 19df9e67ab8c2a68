from django.shortcuts import render


def activity_list(request):
    return render(request, "consultations/placeholder.html")
