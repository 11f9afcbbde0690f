from django.shortcuts import render


def catalogue(request):
    return render(request, "training_modules/catalogue.html")
