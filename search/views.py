"""Site search (/search/) and the member directory (/members/)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from community import ratelimit
from community.permissions import audiences_for, is_member, profile_of
from community.profiles import CARD_PARTS, profile_view
from community.views.access import member_required

from .backends import SearchUnavailable
from .directory import DirectoryQuery, directory_results, filter_options
from .models import Kind
from .results import load
from .service import site_search
from .snippets import pattern_for

MEMBERS_PER_PAGE = 24


class CountedPaginator(Paginator):
    """A Paginator that is told how many objects there are instead of counting them again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property: this is its cached value


@member_required
def directory(request):
    """/members/: browse and filter the members who are listed, showing only what each lets this viewer see."""
    query = DirectoryQuery.from_params(request.GET)
    options = filter_options(request.user)
    if query.text:
        try:
            ratelimit.check_request(request, "search")
        except ratelimit.RateLimited as limited:
            context = {"query": query, "options": options, "limited": limited.message}
            return render(request, "search/directory.html", context, status=429)
    try:
        results = directory_results(request.user, query)
    except SearchUnavailable:
        messages.error(
            request, _("Keyword search is unavailable for a moment; the other filters still work.")
        )
        query.text = ""
        results = directory_results(request.user, query)
    # The directory knows how many members it lists (the facets counted them): the paginator does not count.
    paginator = CountedPaginator(results.members, MEMBERS_PER_PAGE, results.count)
    page_obj = paginator.get_page(request.GET.get("page"))
    audiences = audiences_for(request.user)
    mine = profile_of(request.user)
    return render(
        request,
        "search/directory.html",
        {
            "page_obj": page_obj,
            "members": [
                profile_view(request.user, profile, audiences, only=CARD_PARTS)
                for profile in page_obj.object_list
            ],
            "query": query,
            "options": options,
            "facets": results.facets,
            "can_use_cohort": bool(mine and mine.joined_year),
            "can_use_my_departments": bool(mine and mine.departments.exists()),
        },
    )


RESULTS_PER_PAGE = 10
TAB_LABELS = {
    Kind.STORY: _("Stories"),
    Kind.MEMBER: _("Members"),
    Kind.GROUP: _("Groups"),
    Kind.POST: _("Posts"),
    Kind.EVENT: _("Events"),
    Kind.IDEA: _("Ideas"),
}


def site_search_view(request):
    """/search/?q=: tabs with counts, highlighted snippets, pages of ten. Anyone may search; each sees only
    what they may see (visitors: public stories and events)."""
    text = request.GET.get("q", "").strip()[:200]
    if text:
        try:
            ratelimit.check_request(request, "search")
        except ratelimit.RateLimited as limited:
            return render(request, "search/search.html", {"q": text, "limited": limited.message}, status=429)
    try:
        outcome = site_search(request.user, text) if text else None
    except SearchUnavailable:
        return render(request, "search/search.html", {"q": text, "unavailable": True}, status=503)
    tabs, results, page_obj, tab = [], [], None, request.GET.get("tab", "")
    if outcome is not None:
        tabs = [(kind, TAB_LABELS[kind], outcome.count(kind)) for kind in outcome.kinds]
        if tab not in outcome.kinds or (not outcome.count(tab) and outcome.total):
            tab = next((kind for kind, _label, count in tabs if count), outcome.kinds[0])
        page_obj = Paginator(outcome.hits.get(tab, []), RESULTS_PER_PAGE).get_page(request.GET.get("p"))
        results = load(tab, page_obj.object_list, request.user, pattern_for(outcome.units))
    return render(
        request,
        "search/search.html",
        {
            "q": text,
            "outcome": outcome,
            "tabs": tabs,
            "tab": tab,
            "page_obj": page_obj,
            "results": results,
            "is_member": is_member(request.user),
        },
    )
