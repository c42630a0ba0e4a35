"""The supporters' idea board at /ideas/: the list, one idea with its thread, proposing, editing, voting and
the secretariat's answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from community import permissions
from community.forms.ideas import IdeaForm, IdeaStatusForm
from community.forms.posts import CommentForm
from community.ideas import (
    cards_for,
    edit_idea,
    ideas_for_listing,
    propose_idea,
    set_status,
    status_counts,
    toggle_vote,
)
from community.models import Idea
from community.ratelimit import RateLimited
from community.threads import thread_page

from .access import member_required

PAGE_SIZE = 20
SORTS = {"newest": gettext_lazy("Newest"), "votes": gettext_lazy("Most voted")}


def readable_idea_or_404(user, pk):
    """The idea, or 404 for missing ones and hidden ones (except for the secretariat) alike."""
    idea = get_object_or_404(
        Idea.objects.select_related("author__profile", "status_changed_by__profile"), pk=pk
    )
    if not permissions.can_read_idea(user, idea):
        raise Http404
    return idea


@member_required
def idea_list(request):
    """Every visible idea, filtered by status and kind, newest or most voted first, 20 a page."""
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else "newest"
    ideas = ideas_for_listing(request.user, status=status, kind=kind, order=sort)
    page_obj = Paginator(ideas, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = status_counts(request.user)
    return render(
        request,
        "community/ideas/idea_list.html",
        {
            "cards": cards_for(page_obj.object_list, request.user),
            "page_obj": page_obj,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in Idea.Status.choices],
            "total": sum(counts.values()),
            "kinds": Idea.Kind.choices,
            "sorts": SORTS.items(),
            "current_status": status if status in Idea.Status.values else "",
            "current_kind": kind if kind in Idea.Kind.values else "",
            "current_sort": sort,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def idea_new(request):
    form = IdeaForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                idea = propose_idea(request.user, **form.cleaned_data)
            except RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you! Your idea is on the board."))
                return redirect(idea.get_absolute_url())
    return render(request, "community/ideas/idea_form.html", {"form": form, "idea": None}, status=status)


def _detail(request, idea, status_form=None, status=200):
    """The idea's page; the status form is rebound when the secretariat's answer did not validate."""
    user = request.user
    context = {
        "idea": idea,
        "card": cards_for([idea], user)[0],
        "can_comment": permissions.can_comment_on(user, idea),
        "can_set_status": permissions.can_set_idea_status(user),
        "target": idea,
        "comment_action": "comment_on_idea",
    }
    if permissions.can_read_comments_on(user, idea):
        page_obj, threads = thread_page(idea, user, request.GET.get("page"))
        context.update({"page_obj": page_obj, "threads": threads, "comment_form": CommentForm()})
    if context["can_set_status"]:
        context["status_form"] = status_form or IdeaStatusForm(
            initial={"status": idea.status, "note": idea.status_note}
        )
    return render(request, "community/ideas/idea_detail.html", context, status=status)


@member_required
def idea_detail(request, pk):
    return _detail(request, readable_idea_or_404(request.user, pk))


@member_required
@require_http_methods(["GET", "POST"])
def idea_edit(request, pk):
    idea = readable_idea_or_404(request.user, pk)
    if not permissions.can_edit_idea(request.user, idea):
        raise Http404  # like someone else's post: an action the viewer may not take is not offered at all
    form = IdeaForm(request.POST or None, instance=idea)
    if request.method == "POST" and form.is_valid():
        try:
            edit_idea(request.user, idea, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your idea has been updated."))
            return redirect(idea.get_absolute_url())
    return render(request, "community/ideas/idea_form.html", {"form": form, "idea": idea})


@member_required
@require_POST
def idea_vote(request, pk):
    """Vote or take the vote back; answers the updated vote button (htmx) or goes back to the page."""
    idea = readable_idea_or_404(request.user, pk)
    wanted = {"1": True, "0": False}.get(request.POST.get("vote", ""))
    is_htmx = bool(request.headers.get("HX-Request"))
    try:
        toggle_vote(request.user, idea, vote=wanted)
    except PermissionDenied as exc:
        raise PermissionDenied(_("You cannot vote for your own idea.")) from exc
    except RateLimited as limited:
        if is_htmx:
            return render(request, "community/partials/error.html", {"message": limited.message}, status=429)
        messages.error(request, limited.message)
    back = request.POST.get("next", "")
    if not (
        back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        back = idea.get_absolute_url()
    if is_htmx:
        return render(
            request,
            "community/ideas/partials/vote.html",
            {"card": cards_for([idea], request.user)[0], "next_url": back, "is_response": True},
        )
    return redirect(back)


@member_required
@require_POST
def idea_status(request, pk):
    """The secretariat's answer: a status and a public note (members get 403, with the reason)."""
    idea = readable_idea_or_404(request.user, pk)
    if not permissions.can_set_idea_status(request.user):
        raise PermissionDenied(_("Only the secretariat can answer an idea."))
    form = IdeaStatusForm(request.POST)
    if form.is_valid():
        try:
            changed = set_status(request.user, idea, form.cleaned_data["status"], form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, _("The answer is saved and the author has been told."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(idea.get_absolute_url() + "#status")
    return _detail(request, idea, status_form=form, status=400)
