"""Writing in the community: posts, comments, reactions and reports. Views call these; rules come from
permissions.py; each write is one transaction, side effects are signalled after commit."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from django_comments_xtd.models import XtdComment

from . import permissions, ratelimit
from .models import Post, Reaction, Report

# Hooks for notifications: sent after the write has committed.
post_created = Signal()  # sender=Post, post
comment_posted = Signal()  # sender=XtdComment, comment, target, parent
reaction_added = Signal()  # sender=Reaction, reaction, target

COMMENT_MAX_LENGTH = 3000


def create_post(author, *, body, group=None, image=None):
    if not permissions.can_post_in(author, group):
        raise PermissionDenied
    ratelimit.check(author, "post")
    with transaction.atomic():
        post = Post(author=author, group=group, body=body)
        if image is not None:
            post.image.save(image.name, image, save=False)
        post.save()
        transaction.on_commit(lambda: post_created.send(sender=Post, post=post))
    return post


def edit_post(user, post, *, body):
    if not permissions.can_edit_post(user, post):
        raise PermissionDenied
    post.body = body
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post


def delete_post(user, post):
    if not permissions.can_delete_post(user, post):
        raise PermissionDenied
    delete_post_and_replies(post)


def delete_post_and_replies(post):
    """Delete a post with its comments and the reactions to both. No check here: the caller has decided."""
    with transaction.atomic():
        comment_ids = _comments_on(post).values_list("pk", flat=True)
        _reactions_on(XtdComment, comment_ids).delete()
        _comments_on(post).delete()
        _reactions_on(Post, [post.pk]).delete()
        post.delete()


def set_pinned(user, post, pinned):
    if not permissions.can_pin_post(user, post):
        raise PermissionDenied
    post.pinned = pinned
    post.save(update_fields=["pinned"])


def _comments_on(target):
    return XtdComment.norel_objects.filter(
        content_type=comment_content_type(target), object_pk=str(target.pk)
    )


def comment_content_type(target):
    """Comments on any story kind hang off the StoryPage base, so one query finds them whatever the kind."""
    from stories.models import StoryPage

    if isinstance(target, StoryPage):
        return ContentType.objects.get_for_model(StoryPage)
    return ContentType.objects.get_for_model(target)


def _reactions_on(model, ids):
    return Reaction.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
    )


def add_comment(user, target, text, parent_id=None):
    """Add a comment (or a reply) to a post or a story.

    A reply must belong to the same object as its parent and stay within the thread depth.
    """
    if not permissions.can_comment_on(user, target):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write something first."))
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(_("A comment can be at most %(n)d characters.") % {"n": COMMENT_MAX_LENGTH})
    ratelimit.check(user, "comment")
    content_type = comment_content_type(target)
    with transaction.atomic():
        parent = None
        if parent_id:
            parent = XtdComment.norel_objects.filter(
                pk=parent_id,
                content_type=content_type,
                object_pk=str(target.pk),
                is_public=True,
                is_removed=False,
            ).first()
            if parent is None:
                raise ValidationError(_("You can only reply to a comment on this page."))
            if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
                parent = XtdComment.norel_objects.get(
                    pk=parent.parent_id
                )  # keep replies at the deepest level
        comment = XtdComment(
            content_type=content_type,
            object_pk=str(target.pk),
            site=Site.objects.get_current(),
            user=user,
            user_name=_display_name(user)[:50],
            user_email="",
            comment=text,
            parent_id=parent.pk if parent else 0,
            is_public=True,
        )
        comment.save()
        transaction.on_commit(
            lambda: comment_posted.send(sender=XtdComment, comment=comment, target=target, parent=parent)
        )
    return comment


def _display_name(user):
    # Stored with the comment by django-comments: the public name, never the e-mail address.
    profile = permissions.profile_of(user)
    return profile.display_name if profile else user.get_full_name()


def comment_target(comment):
    """The post or story a comment belongs to (or None if it is gone)."""
    model = comment.content_type.model_class()
    obj = model.objects.filter(pk=comment.object_pk).first()
    return obj.specific if hasattr(obj, "specific") else obj


def can_change_comment(user, comment):
    target = comment_target(comment)
    return target is not None and comment.user_id == user.pk and permissions.can_comment_on(user, target)


def edit_comment(user, comment, text):
    if not can_change_comment(user, comment):
        raise PermissionDenied
    text = (text or "").strip()
    if not text or len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("A comment needs between 1 and %(n)d characters.") % {"n": COMMENT_MAX_LENGTH}
        )
    comment.comment = text
    comment.save(update_fields=["comment"])
    return comment


def delete_comment(user, comment):
    """The author removes their comment; replies stay, under a "removed" placeholder."""
    if not can_change_comment(user, comment):
        raise PermissionDenied
    comment.is_removed = True
    comment.comment = ""
    comment.save(update_fields=["is_removed", "comment"])


def toggle_reaction(user, target, kind):
    """Add the reaction if the user has not given this kind yet, otherwise take it back. Returns True if added."""
    if kind not in Reaction.Kind.values:
        raise ValidationError(_("Unknown reaction."))
    ratelimit.check(user, "react")
    content_type = ContentType.objects.get_for_model(target)
    existing = Reaction.objects.filter(user=user, kind=kind, content_type=content_type, object_id=target.pk)
    if existing.delete()[0]:
        return False
    try:
        with transaction.atomic():
            reaction = Reaction.objects.create(
                user=user, kind=kind, content_type=content_type, object_id=target.pk
            )
    except IntegrityError:  # a double click raced us: the reaction is there, which is what was asked
        return True
    transaction.on_commit(lambda: reaction_added.send(sender=Reaction, reaction=reaction, target=target))
    return True


def report(user, target, reason, group=None):
    ratelimit.check(user, "report")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tell the moderators what is wrong."))
    excerpt = getattr(target, "body", None) or getattr(target, "comment", "") or ""
    return Report.objects.create(
        reporter=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        group=group,
        reason=reason[:1000],
        excerpt=excerpt[:200],
    )
