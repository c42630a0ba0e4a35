"""One post with its threaded comments; editing, deleting and pinning it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import permissions
from community.feeds import cards_for
from community.forms.posts import CommentForm, PostEditForm
from community.models import Post
from community.posting import delete_post, edit_post, set_pinned
from community.threads import thread_page

from .access import member_required


def readable_post_or_404(user, pk):
    """The post, or 404 for missing, hidden or unreadable ones alike (their existence is not confirmed)."""
    post = get_object_or_404(Post.objects.select_related("author__profile", "group"), pk=pk)
    if not permissions.can_read_post(user, post):
        raise Http404
    return post


@member_required
def post_detail(request, pk):
    post = readable_post_or_404(request.user, pk)
    page_obj, threads = thread_page(post, request.user, request.GET.get("page"))
    return render(
        request,
        "community/post_detail.html",
        {
            "card": cards_for([post], request.user)[0],
            "post": post,
            "page_obj": page_obj,
            "threads": threads,
            "comment_form": CommentForm(),
            "comment_action": "comment_on_post",
            "target": post,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = readable_post_or_404(request.user, pk)
    if not permissions.can_edit_post(request.user, post):
        raise Http404
    form = PostEditForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        edit_post(request.user, post, body=form.cleaned_data["body"])
        messages.success(request, _("Your post has been updated."))
        return redirect(post.get_absolute_url())
    return render(request, "community/post_edit.html", {"form": form, "post": post})


@member_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk):
    post = readable_post_or_404(request.user, pk)
    if not permissions.can_delete_post(request.user, post):
        raise Http404
    if request.method == "POST":
        group = post.group
        delete_post(request.user, post)
        messages.success(request, _("The post has been deleted."))
        return redirect(group.get_absolute_url() if group else "feed")
    return render(request, "community/post_delete.html", {"post": post})


@member_required
@require_POST
def post_pin(request, pk):
    post = readable_post_or_404(request.user, pk)
    if not permissions.can_pin_post(request.user, post):
        raise Http404
    set_pinned(request.user, post, not post.pinned)
    return redirect(post.group.get_absolute_url() if post.group else post.get_absolute_url())
