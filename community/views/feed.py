"""The member's home feed at /community/, where members also write new posts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import permissions
from community.feeds import cards_for, current_announcements, home_feed_page
from community.forms.posts import PostForm
from community.models import Group, Profile
from community.posting import create_post
from community.ratelimit import RateLimited
from community.submissions import submit_once

from .access import member_required


def postable_groups(user):
    return Group.objects.active().filter(pk__in=permissions.active_group_ids(user)).order_by("name")


def publish_from_form(request, form):
    """Create the post a valid PostForm describes. Returns the post, or None with the reason added to the form."""
    try:
        return create_post(
            request.user,
            body=form.cleaned_data["body"],
            group=form.chosen_group(),
            image=form.cleaned_data.get("image"),
        )
    except RateLimited as limited:
        form.add_error(None, limited.message)
    except PermissionDenied:
        form.add_error(None, _("You can only post in groups you belong to."))
    return None


def refusal_status(form):
    """429 when the member is over a rate limit (the form keeps what they typed), else 400."""
    return 429 if str(RateLimited.message) in form.non_field_errors() else 400


@member_required
@require_http_methods(["GET", "POST"])
def home_feed(request):
    """Posts from my groups and the whole community, newest first; announcements on top; "new" since my last visit."""
    user = request.user
    form = PostForm(request.POST or None, request.FILES or None, groups=postable_groups(user))
    if request.method == "POST":
        with submit_once(request) as submission:
            if submission.repeated:
                return redirect(submission.url)
            if form.is_valid() and (post := publish_from_form(request, form)):
                messages.success(request, _("Posted."))
                return redirect(
                    submission.done(post.group.get_absolute_url() if post.group else reverse("feed"))
                )
        status = refusal_status(form)
    else:
        status = 200

    posts = permissions.feed_posts_for(user)
    profile = permissions.profile_of(user)
    seen_at = profile.feed_seen_at if profile else None
    page, next_cursor = home_feed_page(user, request.GET.get("before"))
    first_page = not request.GET.get("before")
    context = {
        "cards": cards_for(page, user, seen_at),
        "next_cursor": next_cursor,
        "announcements": cards_for(current_announcements(posts), user) if first_page else [],
        "form": form,
        "my_groups": postable_groups(user),
    }
    if request.method == "GET" and first_page and profile is not None:
        Profile.objects.filter(pk=profile.pk).update(feed_seen_at=timezone.now())
    if request.headers.get("HX-Request") and not first_page:
        return render(request, "community/partials/feed_items.html", context)
    return render(request, "community/feed.html", context, status=status)
