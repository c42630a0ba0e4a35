"""Enforcing the refusal rules of design.md at the door of every members' view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from community.permissions import is_member, refusal_reason


def refuse(request, reason):
    """The friendly 403 page: says why the door is closed and what to do next."""
    return render(request, "community/refused.html", {"reason": reason}, status=403)


def member_required(view):
    """Anonymous visitors are sent to log in; logged-in non-members get the 403 page that says why."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            return refuse(request, refusal_reason(request.user))
        return view(request, *args, **kwargs)

    return wrapped
