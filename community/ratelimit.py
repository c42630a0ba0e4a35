"""Rate limits for what members do (posting, commenting, reacting, reporting, messaging, answering events,
proposing ideas, searching) and for what anonymous visitors search: cache counters per time window.

Accounts (log-in, sign-up, password reset, e-mail confirmation) are limited by django-allauth itself
(`ACCOUNT_RATE_LIMITS` in the settings); its client address comes from the same `client_ip()` as ours.
"""

import ipaddress
import time

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from allauth.account.adapter import get_adapter

# action: (how many, per seconds), per member. New members (approved less than a week ago) get half.
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
    "search": (60, 300),
}
# action: (how many, per seconds), per client address, for visitors who are not logged in. Generous, because
# a whole office may share one address.
ANONYMOUS_LIMITS = {
    "search": (60, 300),
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


def _count(who, action, limit):
    """Count one `action` by `who` in the current window; raise RateLimited when over `limit`."""
    count, period = limit
    window = int(time.time() // period)
    key = f"ratelimit:{action}:{who}:{window}"
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


def check(user, action):
    """Count one `action` for `user`; raise RateLimited when over the limit for the current window."""
    _count(user.pk, action, _limit_for(user, action))


def client_ip(request):
    """The visitor's address as allauth's own rate limits count it: REMOTE_ADDR, or the X-Forwarded-For entry
    our proxies vouch for (`ALLAUTH_TRUSTED_PROXY_COUNT`); an IPv6 address by its /64, which one line or office
    gets whole (counted one by one, an attacker would have 2^64 fresh addresses)."""
    ip = get_adapter(request).get_client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return ip


def check_request(request, action):
    """Count one `action` for whoever makes `request`: the member, or an anonymous visitor's address."""
    if request.user.is_authenticated:
        check(request.user, action)
    else:
        _count(f"ip:{client_ip(request)}", action, ANONYMOUS_LIMITS[action])
