from django.shortcuts import render


# Placeholder until food support lands (issue 5).
def index(request):
    return render(request, "consultations/placeholder.html")
