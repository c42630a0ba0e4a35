"""Groups: the list, one group's page and feed, joining and leaving, join requests, proposing a new group."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import events, permissions, ratelimit
from community.feeds import cards_for, feed_page
from community.forms.posts import GroupProposalForm, PostForm
from community.groups import approve_request, join, leave
from community.models import EventPage, Group, GroupMembership
from community.submissions import submit_once

from .access import member_required
from .feed import publish_from_form, refusal_status


def _visible_group_or_404(user, slug):
    group = get_object_or_404(Group, slug=slug)
    if not permissions.can_see_group(user, group):
        raise Http404
    return group


@member_required
def group_list(request):
    mine = permissions.active_group_ids(request.user)
    kind = request.GET.get("kind", "")
    groups = Group.objects.active().annotate(
        member_count=Count("memberships", filter=Q(memberships__state=GroupMembership.State.ACTIVE))
    )
    if kind in Group.Kind.values:
        groups = groups.filter(kind=kind)
    groups = list(groups.order_by("name"))
    return render(
        request,
        "community/group_list.html",
        {
            "my_groups": [g for g in groups if g.pk in mine],
            "other_groups": [g for g in groups if g.pk not in mine],
            "kinds": Group.Kind.choices,
            "current_kind": kind,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def group_detail(request, slug):
    """A group's page. Non-members of a private group see its description and a request button, nothing else."""
    user = request.user
    group = _visible_group_or_404(user, slug)
    can_read = permissions.can_read_group(user, group)
    membership = GroupMembership.objects.filter(group=group, user=user).first()
    form = PostForm(request.POST or None, request.FILES or None, fixed_group=group)
    status = 200
    if request.method == "POST":
        with submit_once(request) as submission:
            if submission.repeated:
                return redirect(submission.url)
            if form.is_valid() and publish_from_form(request, form):
                messages.success(request, _("Posted."))
                return redirect(submission.done(group.get_absolute_url()))
        status = refusal_status(form)
    context = {
        "group": group,
        "membership": membership,
        "can_read": can_read,
        "form": form,
        "can_post": permissions.can_post_in(user, group),
        "can_moderate": permissions.can_moderate(user, group),
        "can_create_event": events.can_create_group_event(user, group),
    }
    if can_read:
        posts = group.posts.filter(is_hidden=False)
        page, next_cursor = feed_page(posts, request.GET.get("before"))
        pinned = (
            posts.filter(pinned=True).select_related("author__profile", "group").order_by("-created_at")[:5]
        )
        context.update(
            {
                "pinned": cards_for(pinned, user) if not request.GET.get("before") else [],
                "cards": cards_for(page, user),
                "next_cursor": next_cursor,
                "moderators": GroupMembership.objects.filter(
                    group=group, role=GroupMembership.Role.MODERATOR, state=GroupMembership.State.ACTIVE
                ).select_related("user__profile"),
                "member_count": group.memberships.filter(state=GroupMembership.State.ACTIVE).count(),
                "pending_requests": group.memberships.filter(state=GroupMembership.State.REQUESTED).count()
                if context["can_moderate"]
                else 0,
            }
        )
        if request.headers.get("HX-Request") and request.GET.get("before"):
            return render(request, "community/partials/feed_items.html", context)
        context["upcoming_events"] = list(
            EventPage.objects.live().filter(group=group, ends_at__gt=timezone.now()).order_by("starts_at")[:3]
        )
    return render(request, "community/group_detail.html", context, status=status)


@member_required
def group_members(request, slug):
    group = _visible_group_or_404(request.user, slug)
    if not permissions.can_read_group(request.user, group):
        raise Http404
    memberships = (
        group.memberships.filter(state=GroupMembership.State.ACTIVE)
        .select_related("user__profile")
        .order_by("-role", "user__profile__name_kana")
    )
    return render(request, "community/group_members.html", {"group": group, "memberships": memberships})


@member_required
@require_POST
def group_join(request, slug):
    group = _visible_group_or_404(request.user, slug)
    membership = join(request.user, group)
    if membership.state == GroupMembership.State.REQUESTED:
        messages.success(request, _("Your request has been sent to the group's moderators."))
    else:
        messages.success(request, _("You joined %(group)s.") % {"group": group.name})
    return redirect(group.get_absolute_url())


@member_required
@require_POST
def group_leave(request, slug):
    group = _visible_group_or_404(request.user, slug)
    leave(request.user, group)
    messages.success(request, _("You left %(group)s.") % {"group": group.name})
    return redirect("groups")


@member_required
@require_http_methods(["GET", "POST"])
def group_requests(request, slug):
    """Moderators approve or decline requests to join a private group."""
    group = _visible_group_or_404(request.user, slug)
    if not permissions.can_moderate(request.user, group):
        raise Http404
    if request.method == "POST":
        membership = get_object_or_404(
            group.memberships, pk=request.POST.get("membership"), state=GroupMembership.State.REQUESTED
        )
        approve_request(request.user, membership, request.POST.get("decision") == "approve")
        return redirect("group_requests", slug=group.slug)
    requests = group.memberships.filter(state=GroupMembership.State.REQUESTED).select_related("user__profile")
    return render(request, "community/group_requests.html", {"group": group, "requests": requests})


@member_required
@require_http_methods(["GET", "POST"])
def group_propose(request):
    """Any member proposes a group; the secretariat approves it in the admin."""
    form = GroupProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.check(request.user, "group_proposal")
            with transaction.atomic():
                group = form.save(commit=False)
                group.status = Group.Status.PROPOSED
                group.proposed_by = request.user
                group.slug = _unique_slug(group.name)
                group.save()
        except ratelimit.RateLimited as limited:
            form.add_error(None, limited.message)
        except IntegrityError:
            form.add_error("name", _("A group with a similar name exists already."))
        else:
            messages.success(request, _("Thank you! The secretariat will review your proposal."))
            return redirect("groups")
    return render(request, "community/group_propose.html", {"form": form})


def _unique_slug(name):
    base = slugify(name, allow_unicode=True)[:70] or "group"
    slug, n = base, 1
    while Group.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@member_required
@require_POST
def group_follow(request, slug):
    """Turn "tell me about every new post in this group" on or off."""
    group = _visible_group_or_404(request.user, slug)
    updated = GroupMembership.objects.filter(
        group=group, user=request.user, state=GroupMembership.State.ACTIVE
    ).update(follows_closely=request.POST.get("follow") == "1")
    if not updated:
        raise Http404
    return redirect(group.get_absolute_url())
