"""Benchmark-only wiring, mounted when BENCH_VIEWS is on (bench/load.py turns it on; never set it on a real
site): the bare view that gives the ceiling of this server on this machine, and the count of SQL queries each
request makes, as an `X-Queries` response header.
"""

from contextlib import ExitStack

from django.db import connections
from django.http import HttpResponse


def bare(request):
    """A tiny response through the whole middleware stack, without touching the database."""
    return HttpResponse(b"ok\n", content_type="text/plain")


class QueryCountMiddleware:
    """Outermost middleware: counts every statement sent on any database connection while the request is
    handled (sessions and authentication included) and reports it in `X-Queries`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counted))
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
