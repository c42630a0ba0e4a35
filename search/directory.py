"""The member directory's filters. Every filter on a privacy-controlled part only matches members who let the
viewer see that part, so filtering can never reveal a hidden value."""

from dataclasses import dataclass

from django.db.models import Q

from community.audiences import OpenTo
from community.models import OrgUnit, Profile
from community.permissions import audiences_for, directory_profiles_for, part_filter, profile_of


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class DirectoryQuery:
    name: str = ""
    department: int | None = None
    joined_from: int | None = None
    joined_to: int | None = None
    left_from: int | None = None
    left_to: int | None = None
    expertise: str = ""
    open_to: str = ""
    location: str = ""
    cohort: bool = False
    my_departments: bool = False

    @classmethod
    def from_params(cls, params):
        open_to = params.get("open_to", "")
        return cls(
            name=params.get("name", "").strip()[:80],
            department=_int(params.get("department")),
            joined_from=_int(params.get("joined_from")),
            joined_to=_int(params.get("joined_to")),
            left_from=_int(params.get("left_from")),
            left_to=_int(params.get("left_to")),
            expertise=params.get("expertise", "").strip()[:80],
            open_to=open_to if open_to in OpenTo.values else "",
            location=params.get("location", "").strip()[:80],
            cohort=params.get("cohort") == "1",
            my_departments=params.get("mine") == "1",
        )

    @property
    def is_filtered(self):
        return any(value not in ("", None, False) for value in self.__dict__.values())


def directory_results(viewer, query):
    """Profiles the viewer may find with this query, sorted by reading, ready for display."""
    audiences = audiences_for(viewer)
    profiles = directory_profiles_for(viewer)

    def on(part, condition):
        return profiles.filter(condition).filter(part_filter(part, audiences, viewer))

    if query.name:
        former = Q(former_surname__icontains=query.name) & part_filter("former_surname", audiences, viewer)
        profiles = profiles.filter(
            Q(display_name__icontains=query.name)
            | Q(name_kana__icontains=query.name)
            | Q(name_romaji__icontains=query.name)
            | former
        )
    if query.department:
        profiles = on("departments", Q(departments=query.department))
    if query.joined_from:
        profiles = on("career_years", Q(joined_year__gte=query.joined_from))
    if query.joined_to:
        profiles = on("career_years", Q(joined_year__lte=query.joined_to))
    if query.left_from:
        profiles = on("career_years", Q(left_year__gte=query.left_from))
    if query.left_to:
        profiles = on("career_years", Q(left_year__lte=query.left_to))
    if query.expertise:
        profiles = on("expertise", Q(expertise__name=query.expertise))
    if query.open_to:
        profiles = on("open_to", Q(open_to__icontains=f'"{query.open_to}"'))
    if query.location:
        profiles = on("location", Q(location__icontains=query.location))

    mine = profile_of(viewer)
    if query.cohort:
        cohort_year = mine.joined_year if mine else None
        profiles = on("career_years", Q(joined_year=cohort_year)) if cohort_year else profiles.none()
    if query.my_departments:
        department_ids = list(mine.departments.values_list("pk", flat=True)) if mine else []
        profiles = on("departments", Q(departments__in=department_ids)) if department_ids else profiles.none()

    return (
        Profile.objects.filter(pk__in=profiles.values("pk"))
        .select_related("user")
        .prefetch_related("departments", "sites", "expertise")
        .order_by("name_kana", "display_name", "pk")
    )


def filter_options(viewer):
    """Choices for the filter form, built only from what the viewer may see."""
    from taggit.models import Tag

    audiences = audiences_for(viewer)
    visible_expertise = directory_profiles_for(viewer).filter(part_filter("expertise", audiences, viewer))
    return {
        "departments": OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT),
        "expertise": Tag.objects.filter(community_expertisetag_items__content_object__in=visible_expertise)
        .distinct()
        .order_by("name"),
        "open_to": OpenTo.choices,
    }
