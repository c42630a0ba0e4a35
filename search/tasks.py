"""Keeping the search entries current: every change is re-indexed by a Celery task after it commits."""

from django.db.models import Q

from celery import shared_task

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 30, "retry_backoff_max": 3600, "max_retries": 8}


@shared_task(acks_late=True, **RETRY)
def reindex_object(kind, pk):
    """Make one object's search entries match what should be findable now (idempotent)."""
    from .entries import reindex

    return reindex(kind, pk)


@shared_task(acks_late=True, **RETRY)
def reindex_group_content(group_id):
    """A group changed (privacy, status): its posts and events are findable by different people now."""
    from community.models import EventPage, Post

    from .models import Kind

    for pk in Post.objects.filter(group_id=group_id).values_list("pk", flat=True):
        reindex_object.delay(Kind.POST, pk)
    for pk in EventPage.objects.filter(group_id=group_id).values_list("pk", flat=True):
        reindex_object.delay(Kind.EVENT, pk)
    return True


@shared_task(acks_late=True, **RETRY)
def reindex_unit_members(unit_id):
    """A department or site was renamed: its members' entries hold its old name."""
    from .models import Kind

    for pk in unit_member_ids(unit_id):
        reindex_object.delay(Kind.MEMBER, pk)
    return True


def unit_member_ids(unit_id):
    """The profiles that name this department or site."""
    from community.models import Profile

    members = Profile.objects.filter(Q(departments=unit_id) | Q(sites=unit_id)).distinct()
    return list(members.values_list("pk", flat=True))
