"""The anonymous page cache: whole responses of public pages, for visitors who have no session.

Only a visitor without a session cookie (so not logged in, no pending messages, nothing remembered) can be
served from it, and only a response that the same visitor would get whoever they are can be stored in it:
a 200 from a cacheable page type (home, story index, stories) without view restrictions, not a preview, that
set no cookie and did not touch the session. A hit costs two cache reads and no database query.

Every key includes a site-wide generation number. Any change that can show on these pages (publishing,
unpublishing, moving or deleting a page, a view restriction, an image, the site settings, a comment on a
story, a featured member's public card) bumps it (`page_cache_invalidation.py`), so the next request after
a change renders afresh and older entries simply expire.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from portal.generations import Generation

PAGES = Generation("pagecache:generation")
# Headers a stored response may vary on: the key already holds what they select (language is in the path,
# cookies are absent, WhiteNoise/the proxy compress).
HARMLESS_VARY = {"cookie", "accept-language", "accept-encoding"}


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def generation():
    """The current generation (portal/generations.py)."""
    return PAGES.current()


def request_generation(request):
    """generation(), read once per request: a page's header and footer fragments both need it."""
    if request is None:
        return generation()
    if not hasattr(request, "_page_cache_generation"):
        request._page_cache_generation = generation()
    return request._page_cache_generation


def bump_generation():
    """Make every stored page stale at once (and again when the surrounding transaction commits)."""
    PAGES.bump()


def is_anonymous_request(request):
    """GET or HEAD from a visitor who carries no session, no messages and no credentials."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def cache_key(request, gen):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:{gen}:{request.scheme}:{request.get_host()}:{translation.get_language()}:{path}"


def cacheable_page_types():
    """Pages whose anonymous rendering is the same for everyone. Event pages are not among them: they show
    seats left and RSVP state, which change without anything being published."""
    from stories.models import StoryIndexPage, StoryPage

    from .models import HomePage

    return (HomePage, StoryIndexPage, StoryPage)


def may_cache_page(page, request):
    """Whether this page, served to this request, may be stored for every anonymous visitor."""
    return (
        enabled()
        and is_anonymous_request(request)
        and not getattr(request, "is_preview", False)
        and isinstance(page, cacheable_page_types())
        and not page.get_view_restrictions().exists()
    )


def mark_cacheable(response):
    """Called by the page-serving hook for a page that is the same for every anonymous visitor."""
    response.page_cache_allowed = True


def is_storable(request, response):
    if not getattr(response, "page_cache_allowed", False):
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    varies = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header}
    return varies <= HARMLESS_VARY


class PageCacheMiddleware:
    """Serves and stores anonymous pages; marks every response to a logged-in user private.

    It sits right after LocaleMiddleware (so the key has the language) and outside everything that may set
    a cookie (CSRF, messages, allauth), so it sees their cookies on the way out. The session middleware is
    outside it; a response that touched the session is refused by `is_storable`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if enabled() and is_anonymous_request(request):
            key = cache_key(request, generation())
            cached = cache.get(key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if key is not None and is_storable(request, response):
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        elif "Cache-Control" not in response and _is_logged_in(request):
            # Nothing shown to a logged-in user belongs in a browser's disk cache or a shared proxy.
            patch_cache_control(response, private=True, no_store=True)
        return response


def _is_logged_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
