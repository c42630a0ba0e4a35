"""The member directory (and, in the search issue, site search)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from community.permissions import audiences_for, profile_of
from community.profiles import profile_view
from community.views.access import member_required

from .directory import DirectoryQuery, directory_results, filter_options

MEMBERS_PER_PAGE = 24


@member_required
def directory(request):
    """/members/: browse and filter the members who are listed, showing only what each lets this viewer see."""
    query = DirectoryQuery.from_params(request.GET)
    paginator = Paginator(directory_results(request.user, query), MEMBERS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    audiences = audiences_for(request.user)
    mine = profile_of(request.user)
    return render(
        request,
        "search/directory.html",
        {
            "page_obj": page_obj,
            "members": [profile_view(request.user, profile, audiences) for profile in page_obj.object_list],
            "query": query,
            "options": filter_options(request.user),
            "can_use_cohort": bool(mine and mine.joined_year),
            "can_use_my_departments": bool(mine and mine.departments.exists()),
        },
    )
