"""Keeping the search entries current: every change is re-indexed by a Celery task after it commits."""

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
