from django.shortcuts import render


# Placeholder until the intake forms land (issue 3).
def request_create(request):
    return render(request, "consultations/placeholder.html")


def concern_create(request):
    return render(request, "consultations/placeholder.html")
