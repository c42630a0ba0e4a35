"""Who hears about what. Connected in CommunityConfig.ready(); every receiver runs after the write committed."""

import logging
import re

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail.signals import page_published

from django_comments_xtd.models import XtdComment

from . import posting
from .models import Message, Post, Profile
from .models.notifications import Kind
from .notifications import notify
from .signals import message_sent

logger = logging.getLogger(__name__)
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_-]{2,40})")


def display_name(user):
    profile = getattr(user, "profile", None)
    return profile.display_name if profile else (user.get_full_name() or _("The secretariat"))


def mentioned_users(text, exclude=()):
    handles = set(MENTION.findall(text or ""))
    if not handles:
        return []
    return [
        p.user
        for p in Profile.objects.members().filter(handle__in=handles).select_related("user")
        if p.user_id not in exclude
    ]


def _target_url(target, anchor=""):
    url = target.get_url() if hasattr(target, "get_url") else target.get_absolute_url()
    return f"{url}{anchor}"


@receiver(posting.comment_posted, sender=XtdComment)
def on_comment(sender, comment, target, parent, **kwargs):
    post = target if isinstance(target, Post) else None
    url = _target_url(target, f"#comment-{comment.pk}")
    actor, name = comment.user, display_name(comment.user)
    told = {actor.pk}
    if parent is not None and parent.user_id and parent.user_id not in told:
        notify(
            parent.user,
            Kind.REPLY,
            f"comment:{comment.pk}",
            lambda: _("%(name)s replied to your comment") % {"name": name},
            url,
            actor=actor,
            post=post,
        )
        told.add(parent.user_id)
    author_id = getattr(target, "author_id", None)  # posts and ideas have an author; stories do not
    if author_id and author_id not in told:
        notify(
            target.author,
            Kind.REPLY,
            f"comment:{comment.pk}",
            (lambda: _("%(name)s commented on your post") % {"name": name})
            if post is not None
            else (lambda: _("%(name)s commented on your idea") % {"name": name}),
            url,
            actor=actor,
            post=post,
        )
        told.add(author_id)
    # notify() checks that each mentioned member may read the post: a mention never leaks a private group.
    for user in mentioned_users(comment.comment, exclude=told):
        notify(
            user,
            Kind.MENTION,
            f"mention:comment:{comment.pk}",
            lambda: _("%(name)s mentioned you") % {"name": name},
            url,
            actor=actor,
            post=post,
        )


@receiver(posting.reaction_added)
def on_reaction(sender, reaction, target, **kwargs):
    if isinstance(target, Post):
        author, post, url = target.author, target, target.get_absolute_url()
    else:
        author, post = target.user, None
        commented = posting.comment_target(target)
        if commented is None:
            return
        post = commented if isinstance(commented, Post) else None
        url = _target_url(commented, f"#comment-{target.pk}")
    if author is None:
        return
    key = f"reaction:{type(target).__name__.lower()}:{target.pk}"
    name = display_name(reaction.user)
    notify(
        author,
        Kind.REACTION,
        key,
        lambda: _("%(name)s reacted to what you wrote") % {"name": name},
        url,
        actor=reaction.user,
        post=post,
    )


@receiver(posting.post_created, sender=Post)
def on_post(sender, post, **kwargs):
    from .tasks import fan_out_group_post

    name = display_name(post.author)
    for user in mentioned_users(post.body, exclude={post.author_id}):
        notify(
            user,
            Kind.MENTION,
            f"mention:post:{post.pk}",
            lambda: _("%(name)s mentioned you") % {"name": name},
            post.get_absolute_url(),
            actor=post.author,
            post=post,
        )
    if post.group_id:
        try:
            fan_out_group_post.delay(post.pk)
        except Exception:  # noqa: BLE001 - the broker is down: the post is saved; sweep_fan_outs catches up
            logger.warning("post %s: broker unavailable, fan-out left for the sweep", post.pk)


@receiver(message_sent, sender=Message)
def on_message(sender, message, **kwargs):
    conversation = message.conversation
    name = display_name(message.sender)
    for participant in conversation.participants.exclude(user=message.sender).select_related("user"):
        notify(
            participant.user,
            Kind.MESSAGE,
            f"message:{conversation.pk}",
            lambda: _("New message from %(name)s") % {"name": name},
            conversation.get_absolute_url(),
            actor=message.sender,
        )


@receiver(page_published)
def on_event_published(sender, instance, **kwargs):
    """A new capacity may make room for people on the waitlist."""
    from .events import capacity_changed
    from .models import EventPage

    page = instance.specific if hasattr(instance, "specific") else instance
    if isinstance(page, EventPage) and page.canonical.pk == page.pk:
        capacity_changed(page)
