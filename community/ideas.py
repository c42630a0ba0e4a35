"""The supporters' idea board: proposing and editing ideas, voting, and the secretariat's answer.

Views call these; who may do what comes from permissions.py. Each write is one transaction, and the author
hears about the secretariat's answer after it has committed.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, ratelimit
from .models import AuditEntry, Idea, IdeaVote
from .models.notifications import Kind
from .threads import comment_counts

ORDERINGS = {
    "newest": ("-created_at", "-id"),
    "votes": ("-vote_count", "-created_at", "-id"),
}


def visible_ideas_for(user):
    """Every idea the user may see: none for non-members; hidden ideas only for the secretariat."""
    if not permissions.is_member(user):
        return Idea.objects.none()
    ideas = Idea.objects.all()
    if not permissions.is_secretariat(user):
        ideas = ideas.filter(is_hidden=False)
    return ideas


def ideas_for_listing(user, *, status="", kind="", order="newest"):
    """The board for one viewer: filtered by status and kind (unknown values are ignored), newest or most
    voted first, with each author's profile fetched in the same query."""
    ideas = visible_ideas_for(user).select_related("author__profile")
    if status in Idea.Status.values:
        ideas = ideas.filter(status=status)
    if kind in Idea.Kind.values:
        ideas = ideas.filter(kind=kind)
    return ideas.order_by(*ORDERINGS.get(order, ORDERINGS["newest"]))


def status_counts(user):
    """{status: number of ideas the user may see} in one query, for the board's tabs."""
    rows = visible_ideas_for(user).values("status").annotate(n=Count("id")).order_by()
    return {row["status"]: row["n"] for row in rows}


@dataclass
class IdeaCard:
    idea: Idea
    comments: int
    voted: bool
    can_vote: bool
    can_edit: bool


def cards_for(ideas, viewer):
    """IdeaCards for a page of ideas: comment counts and the viewer's votes in two queries, whatever the
    number of ideas."""
    ideas = list(ideas)
    ids = [idea.pk for idea in ideas]
    comments = comment_counts(Idea, ids)
    voted = set(IdeaVote.objects.filter(user=viewer, idea_id__in=ids).values_list("idea_id", flat=True))
    return [
        IdeaCard(
            idea=idea,
            comments=comments.get(idea.pk, 0),
            voted=idea.pk in voted,
            can_vote=permissions.can_vote_on(viewer, idea),
            can_edit=permissions.can_edit_idea(viewer, idea),
        )
        for idea in ideas
    ]


def propose_idea(user, *, title, body, kind=Idea.Kind.OTHER):
    """A member proposes an idea (rate-limited: "idea"). Returns the new Idea."""
    if not permissions.can_propose_idea(user):
        raise PermissionDenied
    title, body = _checked_text(title, body)
    if kind not in Idea.Kind.values:
        raise ValidationError(_("Choose what kind of idea this is."))
    ratelimit.check(user, "idea")
    return Idea.objects.create(author=user, title=title, body=body, kind=kind)


def edit_idea(user, idea, *, title, body, kind):
    """The author rewrites their idea while the secretariat has not answered it yet."""
    if not permissions.can_edit_idea(user, idea):
        raise PermissionDenied
    idea.title, idea.body = _checked_text(title, body)
    if kind not in Idea.Kind.values:
        raise ValidationError(_("Choose what kind of idea this is."))
    idea.kind = kind
    idea.edited_at = timezone.now()
    idea.save(update_fields=["title", "body", "kind", "edited_at"])  # save() adds body_html
    return idea


def _checked_text(title, body):
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise ValidationError(_("An idea needs a title and a few words about it."))
    return title, body


def toggle_vote(user, idea, vote=None):
    """Vote for an idea, or take the vote back. Returns True when the user's vote is there afterwards.

    `vote=None` toggles; True or False asks for that state, so a form that says what it wants (the vote button
    does) gives the same result however often it is sent: a double click votes once.

    One vote per member: the unique (idea, user) constraint decides, not a check made beforehand, and
    `vote_count` moves with F() in the same transaction as the row it counts. Two requests racing to add the
    same vote therefore leave one row and one count: the loser's insert fails and it changes nothing.

    Members cannot vote for their own idea: proposing it is already the author's support, and a vote from the
    author would add one to every idea, so "most voted" would no longer measure how many others want it.
    """
    if not permissions.can_vote_on(user, idea):
        raise PermissionDenied
    ratelimit.check(user, "vote")
    if vote is None:
        vote = not IdeaVote.objects.filter(idea=idea, user=user).exists()
    with transaction.atomic():
        if vote:
            try:
                with transaction.atomic():
                    IdeaVote.objects.create(idea=idea, user=user)
            except IntegrityError:  # voted already (or a double click won the race): nothing to count
                pass
            else:
                Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)
        else:
            deleted, _details = IdeaVote.objects.filter(idea=idea, user=user).delete()
            if deleted:
                Idea.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") - 1)
    idea.refresh_from_db(fields=["vote_count"])
    return vote


def set_status(user, idea, status, note=""):
    """The secretariat answers an idea: a status and a note every member sees. Audited; the author is told.

    Returns True if something changed. Sending the same answer twice changes nothing, records nothing and
    notifies nobody a second time.
    """
    if not permissions.can_set_idea_status(user):
        raise PermissionDenied
    if status not in Idea.Status.values:
        raise ValidationError(_("Unknown status."))
    note = (note or "").strip()
    max_note = Idea._meta.get_field("status_note").max_length
    if len(note) > max_note:
        raise ValidationError(_("The note can be at most %(n)d characters.") % {"n": max_note})
    with transaction.atomic():
        locked = Idea.objects.select_for_update().get(pk=idea.pk)
        if locked.status == status and locked.status_note == note:
            return False
        previous = locked.status
        locked.status, locked.status_note = status, note
        locked.status_changed_at, locked.status_changed_by = timezone.now(), user
        locked.save(update_fields=["status", "status_note", "status_changed_at", "status_changed_by"])
        AuditEntry.record(
            user,
            AuditEntry.Action.IDEA_STATUS,
            f"idea #{locked.pk}: {locked.title}",
            f"{previous} → {status}. {note}",
        )
        transaction.on_commit(lambda: _tell_author(locked, previous, user))
    for name in ("status", "status_note", "status_changed_at", "status_changed_by"):
        setattr(idea, name, getattr(locked, name))
    return True


def _tell_author(idea, previous_status, actor):
    from .notifications import notify

    title = idea.title
    label = Idea.Status(idea.status).label  # lazy: rendered in the author's language by notify()
    if idea.status != previous_status:
        text = lambda: _("Your idea “%(title)s” is now: %(status)s.") % {"title": title, "status": label}  # noqa: E731
    else:
        text = lambda: _("The secretariat updated its note on your idea “%(title)s”.") % {"title": title}  # noqa: E731
    notify(
        idea.author,
        Kind.IDEA,
        f"idea_status:{idea.pk}:{idea.status_changed_at.timestamp():.6f}",
        text,
        idea.get_absolute_url(),
        actor=actor,
    )
