"""Wagtail hooks of the home app: which served pages the anonymous page cache may keep."""

from wagtail import hooks

from . import page_cache


@hooks.register("on_serve_page")
def allow_page_cache(next_serve_page):
    """Marks the response of a page that every anonymous visitor sees alike (see page_cache.py)."""

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if page_cache.may_cache_page(page, request):
            page_cache.mark_cacheable(response)
        return response

    return serve
