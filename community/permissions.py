"""Who may see and do what. Views, templates, search, notifications and exports all ask here.

Refusals are uniform (design.md): anonymous → log in; logged in without the right → 403 page saying why;
an object the viewer may not know exists → 404.
"""

from django.contrib.auth.models import AnonymousUser

from .audiences import Audience, MemberKind, MembershipStatus
from .models.profiles import PRIVACY_PARTS

SECRETARIAT_GROUP = "Secretariat"


def profile_of(user):
    """The user's profile, or None (anonymous visitors and staff without one)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    try:
        return user.profile
    except user.__class__.profile.RelatedObjectDoesNotExist:
        return None


def is_secretariat(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_secretariat", None)  # asked many times per request: remember on the instance
    if cached is None:
        profile = profile_of(user)
        cached = bool(profile and profile.kind == MemberKind.SECRETARIAT and profile.status == MembershipStatus.MEMBER)
        cached = cached or user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._is_secretariat = cached
    return cached


def is_member(user):
    """An approved, active member (alumni, current employee or secretariat) — or the secretariat itself."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    profile = profile_of(user)
    if profile is not None and profile.status == MembershipStatus.MEMBER:
        return True
    return is_secretariat(user)


def refusal_reason(user):
    """Why a logged-in user may not enter the community: 'applicant', 'rejected', 'suspended' or 'no_application'."""
    profile = profile_of(user)
    if profile is None:
        return "no_application"
    return {
        MembershipStatus.APPLICANT: "applicant",
        MembershipStatus.REJECTED: "rejected",
        MembershipStatus.SUSPENDED: "suspended",
    }.get(profile.status, "no_application")


def audiences_for(viewer):
    """The audiences whose fields the viewer may see on other members' profiles."""
    if is_secretariat(viewer):
        return set(Audience.values)
    if not is_member(viewer):
        return set()
    profile = profile_of(viewer)
    audiences = {Audience.MEMBERS}
    if profile.kind == MemberKind.ALUMNI:
        audiences.add(Audience.ALUMNI)
    elif profile.kind == MemberKind.EMPLOYEE:
        audiences.add(Audience.EMPLOYEES)
    return audiences


def can_see_part(viewer, profile, part, audiences=None):
    """May the viewer see this privacy-controlled part of the profile?"""
    if part not in PRIVACY_PARTS:
        raise KeyError(part)
    if viewer is not None and viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    audiences = audiences_for(viewer) if audiences is None else audiences
    return getattr(profile, f"{part}_audience") in audiences


def visible_parts(viewer, profile, audiences=None):
    """The set of parts of `profile` the viewer may see."""
    audiences = audiences_for(viewer) if audiences is None else audiences
    return {part for part in PRIVACY_PARTS if can_see_part(viewer, profile, part, audiences)}


def can_view_profile(viewer, profile):
    """Members see members' profiles (even those hidden from the directory, when they know the address)."""
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if is_secretariat(viewer):
        return True
    return is_member(viewer) and profile.is_member


def directory_profiles_for(viewer):
    """Profiles listed in the directory for this viewer: approved, active, not hidden. Empty for non-members."""
    from .models import Profile

    if not is_member(viewer):
        return Profile.objects.none()
    return Profile.objects.members().filter(hidden_from_directory=False)


def part_filter(part, audiences, viewer=None):
    """A Q that keeps profiles whose `part` the viewer may see — so filtering by a hidden field reveals nothing."""
    from django.db.models import Q

    condition = Q(**{f"{part}_audience__in": list(audiences)})
    if viewer is not None and viewer.is_authenticated:
        condition |= Q(user_id=viewer.pk)
    return condition
