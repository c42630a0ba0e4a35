"""What every template's header and footer need."""

from django.conf import settings


def site_chrome(request):
    return {"LANGUAGE_CHOICES": settings.LANGUAGES}
