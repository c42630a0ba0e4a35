"""Site-wide views that are not pages: health check and robots.txt."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": _check_database, "cache": _check_cache, "broker": _check_broker}


@never_cache
@require_GET
def healthz(request):
    """Readiness: 200 when the database, cache and broker answer; 503 naming what is down."""
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check() or "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "unhealthy", reported below
            logger.warning("healthz: %s is down: %s", name, exc)
            results[name] = "error"
            healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /me/",
        "Disallow: /members/",
        "Disallow: /community/",
        "Disallow: /messages/",
        "Disallow: /notifications/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
