"""Per-member rate limits for posting, commenting, reacting, reporting, answering events and proposing ideas (cache counters per time window)."""

import time

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

# action: (how many, per seconds). New members (approved less than a week ago) get half.
LIMITS = {
    "post": (10, 600),
    "comment": (30, 600),
    "react": (120, 600),
    "report": (10, 3600),
    "message": (30, 600),
    "group_proposal": (3, 86400),
    "rsvp": (30, 600),
    "idea": (5, 86400),
    "vote": (120, 600),
}
NEW_MEMBER_DAYS = 7

MESSAGE = _("You are doing that a lot: please wait a few minutes and try again.")


class RateLimited(Exception):
    message = MESSAGE


def _limit_for(user, action):
    count, period = LIMITS[action]
    profile = getattr(user, "profile", None)
    approved_at = getattr(profile, "approved_at", None)
    if approved_at and time.time() - approved_at.timestamp() < NEW_MEMBER_DAYS * 86400:
        count = max(1, count // 2)
    return count, period


def check(user, action):
    """Count one `action` for `user`; raise RateLimited when over the limit for the current window."""
    count, period = _limit_for(user, action)
    window = int(time.time() // period)
    key = f"ratelimit:{action}:{user.pk}:{window}"
    cache.add(key, 0, timeout=period + 5)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=period + 5)
        used = 1
    if used is None:  # the cache is down: better to let members post than to refuse everyone
        return
    if used > count:
        raise RateLimited()
