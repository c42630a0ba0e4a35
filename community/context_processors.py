"""Unread badges for the header, counted only when a template asks for them."""

from django.utils.functional import SimpleLazyObject


def unread_counts(request):
    user = getattr(request, "user", None)

    def counts():
        from . import messaging, notifications, permissions

        if not (user and user.is_authenticated and permissions.is_member(user)):
            return {"notifications": 0, "messages": 0}
        return {
            "notifications": notifications.unread_count(user),
            "messages": messaging.unread_conversations(user),
        }

    return {"unread": SimpleLazyObject(counts)}
