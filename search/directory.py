"""The member directory's filters. Every filter on a privacy-controlled part only matches members who let the
viewer see that part, so filtering can never reveal a hidden value."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q

from community.audiences import OpenTo
from community.models import ExpertiseTag, OrgUnit, Profile
from community.permissions import audiences_for, directory_profiles_for, part_filter, profile_of

from .models import Kind


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@dataclass
class DirectoryQuery:
    text: str = ""
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
            text=params.get("q", "").strip()[:200],
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


def matching_profile_ids(viewer, text):
    """Ids of the members whose profile, as this viewer may see it, matches the free text, best first."""
    from .service import site_search

    outcome = site_search(viewer, text, kinds=[Kind.MEMBER])
    return [hit.object_id for hit in outcome.hits.get(Kind.MEMBER, [])]


def filtered_profiles(viewer, query):
    """The viewer's directory narrowed by every filter of the query (free text aside), unordered."""
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

    return profiles


class RankedProfiles:
    """The directory's matches in rank order, for Paginator: counted from the ids, loaded a page at a time."""

    def __init__(self, ids):
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        by_id = _for_display(Profile.objects.filter(pk__in=ids)).in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    def __iter__(self):
        return iter(self[:])


def _for_display(profiles):
    return profiles.select_related("user").prefetch_related("departments", "sites", "expertise")


def directory_results(viewer, query):
    """(profiles ready for display, the same set unordered for facets). With free text, best matches first
    (paged over the ranked ids: one query for the ids the viewer may list, one per page shown); otherwise
    sorted by reading."""
    profiles = filtered_profiles(viewer, query)
    if query.text:
        ranked_ids = matching_profile_ids(viewer, query.text)
        listed_ids = (
            set(profiles.filter(pk__in=ranked_ids).values_list("pk", flat=True)) if ranked_ids else set()
        )
        ordered = [pk for pk in ranked_ids if pk in listed_ids]
        return RankedProfiles(ordered), Profile.objects.filter(pk__in=ordered)
    if query.department or query.expertise or query.my_departments:
        # Filters through departments or expertise join rows that can repeat a member: list each once. The
        # listing's own conditions outside the subquery still let PostgreSQL walk profile_directory_idx.
        listed = directory_profiles_for(viewer).filter(pk__in=profiles.values("pk"))
    else:
        listed = profiles
    # Walked in reading order through profile_directory_idx, stopping after a page (it sorted every member).
    return _for_display(listed).order_by("name_kana", "display_name", "pk"), profiles


def facet_counts(viewer, profiles):
    """Counts per department, era (joining decade), expertise, open-to and location among `profiles` — each
    counted only over members who show that part to the viewer, so a count never reveals a hidden value."""
    audiences = audiences_for(viewer)

    def shown(part):
        return profiles.filter(part_filter(part, audiences, viewer))

    departments = list(
        shown("departments")
        .filter(departments__kind=OrgUnit.DEPARTMENT)
        .values("departments__pk", "departments__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "departments__name")[:12]
    )
    eras = list(
        shown("career_years")
        .filter(joined_year__isnull=False)
        .annotate(era=F("joined_year") / 10 * 10)
        .values("era")
        .annotate(n=Count("pk", distinct=True))
        .order_by("era")
    )
    expertise = list(
        shown("expertise")
        .values("expertise__name")
        .exclude(expertise__name=None)
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "expertise__name")[:12]
    )
    open_to_counts = shown("open_to").aggregate(
        **{value: Count("pk", filter=Q(open_to__icontains=f'"{value}"')) for value in OpenTo.values}
    )
    locations = list(
        shown("location").exclude(location="").values("location").annotate(n=Count("pk")).order_by("-n")[:10]
    )
    return {
        "departments": [(row["departments__pk"], row["departments__name"], row["n"]) for row in departments],
        "eras": [(row["era"], row["n"]) for row in eras],
        "expertise": [(row["expertise__name"], row["n"]) for row in expertise],
        "open_to": [
            (value, label, open_to_counts[value]) for value, label in OpenTo.choices if open_to_counts[value]
        ],
        "locations": [(row["location"], row["n"]) for row in locations],
    }


def filter_options(viewer):
    """Choices for the filter form, built only from what the viewer may see."""
    from taggit.models import Tag

    audiences = audiences_for(viewer)
    visible_expertise = directory_profiles_for(viewer).filter(part_filter("expertise", audiences, viewer))
    return {
        "departments": OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT),
        # One existence probe per tag (a few dozen) stops at the first member who shows it; joining every
        # member's tags and de-duplicating read all 75,000 of them (130 ms at 50,000 members).
        "expertise": Tag.objects.filter(
            Exists(ExpertiseTag.objects.filter(tag=OuterRef("pk"), content_object__in=visible_expertise))
        ).order_by("name"),
        "open_to": OpenTo.choices,
    }
