"""Joining: the application form, then its status until the secretariat decides."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from community.audiences import MembershipStatus
from community.forms.membership import ApplicationForm
from community.membership import submit_application
from community.models import Application
from community.permissions import is_member, profile_of


@login_required
def join(request):
    """/join/: apply once; afterwards see where the application stands. Members go on to the community."""
    if is_member(request.user):
        return redirect("directory")
    latest = Application.objects.filter(user=request.user).order_by("-created_at").first()
    profile = profile_of(request.user)
    suspended = profile is not None and profile.status == MembershipStatus.SUSPENDED
    if latest and latest.status == Application.Status.PENDING or suspended:
        return render(request, "community/join_status.html", {"application": latest, "profile": profile})

    form = ApplicationForm(request.POST or None, initial={"kind": "alumni"})
    if request.method == "POST" and form.is_valid():
        application = form.save(commit=False)
        application.user = request.user
        submit_application(application)
        return redirect("join")
    return render(request, "community/join.html", {"form": form, "previous": latest, "profile": profile})
