"""The server error handler: a database that cannot be reached is a 503 with Retry-After, not a 500.

It is Django's `handler500`, so it also catches errors raised outside the view (a session saved after it, a
middleware's query). The write the request was making is in a transaction that never committed, so the page
says nothing was saved. With `CONN_HEALTH_CHECKS` (or the pool's checks) the next request opens a fresh
connection, so the site recovers without a restart once the database is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)
RETRY_AFTER = 30  # seconds: a restart or a failover usually takes about that long


def database_unavailable(request):
    """The 503 page; rendered without the request, so that nothing in it can query the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.warning("database unavailable during %s %s: %s", request.method, request.path, error)
        return database_unavailable(request)
    return defaults.server_error(request, template_name)
