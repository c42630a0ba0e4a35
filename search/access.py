"""Who may find which search entries: one scope per viewer, applied by every backend (design.md)."""

from dataclasses import dataclass

from django.db.models import Q

from community import permissions
from community.audiences import MemberKind

from .models import Kind, Variant, Visibility


@dataclass(frozen=True)
class Scope:
    member: bool  # an approved member (or the secretariat)
    everything: bool  # the secretariat: every group, every profile part
    variant: str  # which members' view of profiles the viewer gets
    group_ids: frozenset  # private groups the viewer belongs to


def scope_for(user):
    if not permissions.is_member(user):
        return Scope(member=False, everything=False, variant="", group_ids=frozenset())
    if permissions.is_secretariat(user):
        return Scope(member=True, everything=True, variant=Variant.ALL, group_ids=frozenset())
    profile = permissions.profile_of(user)
    variant = Variant.EMPLOYEES if profile and profile.kind == MemberKind.EMPLOYEE else Variant.ALUMNI
    return Scope(member=True, everything=False, variant=variant, group_ids=permissions.active_group_ids(user))


def scope_q(scope, kind=None):
    """The entries the scope may find, as a filter on SearchEntry (the database backend). Given the kind, the
    variant is named exactly (members' entries have one per audience, other kinds none), which lets PostgreSQL
    walk one (kind, variant) range instead of two."""
    if not scope.member:
        return Q(visibility=Visibility.PUBLIC, variant="")
    if kind is None:
        own_variant = Q(variant="") | Q(variant=scope.variant)
    else:
        own_variant = Q(variant=scope.variant if kind == Kind.MEMBER else "")
    if scope.everything:
        return own_variant
    readable = (
        Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
        | Q(visibility=Visibility.GROUP, group_private=False)
        | Q(visibility=Visibility.GROUP, group_id__in=sorted(scope.group_ids))
    )
    return own_variant & readable
