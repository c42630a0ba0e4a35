"""Ending a member's sessions: "log out everywhere", suspension (a password change ends them through Django)."""

from django.contrib.auth import get_user_model
from django.db.models import F


def end_all_sessions(user):
    """End every session of `user`, on every device, from their next request on.

    Sessions are not looked up one by one (the session table is not indexed by user): raising the user's
    session generation changes the hash each session was signed with at login, so Django's authentication
    middleware flushes any session still carrying the old one (`User._get_session_auth_hash`).
    """
    get_user_model().objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
