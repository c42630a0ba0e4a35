"""Unread badges for the header, counted only when a template asks for them."""

from django.utils.functional import SimpleLazyObject


def unread_counts(request):
    user = getattr(request, "user", None)

    def counts():
        from . import unread

        return unread.counts(user)

    return {"unread": SimpleLazyObject(counts)}
