"""The member directory's filters. Every filter on a privacy-controlled part only matches members who let the
viewer see that part, so filtering can never reveal a hidden value."""

import json
from collections import Counter
from dataclasses import asdict, dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q

from community.audiences import OpenTo
from community.models import ExpertiseTag, OrgUnit, Profile
from community.permissions import (
    audiences_for,
    directory_profiles_for,
    is_member,
    part_filter,
    profile_of,
)
from portal.generations import Generation

from .lookups import AnyOf
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


def filtered_profiles(viewer, query, as_peer=False):
    """The viewer's directory narrowed by every filter of the query (free text aside), unordered. With
    `as_peer`, the viewer's own profile is filtered as their peers see it, not by everything they see of it."""
    audiences = audiences_for(viewer)
    profiles = directory_profiles_for(viewer)
    seer = None if as_peer else viewer

    def on(part, condition):
        return profiles.filter(condition).filter(part_filter(part, audiences, seer))

    if query.name:
        former = Q(former_surname__icontains=query.name) & part_filter("former_surname", audiences, seer)
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
    """Profiles ready for their member cards: what CARD_PARTS read."""
    return profiles.prefetch_related("departments")


@dataclass
class Directory:
    """What the directory shows for one query: the members in display order (sliceable, for Paginator), how
    many there are, and the facet counts (None when nothing is filtered)."""

    members: object
    count: int
    facets: dict | None


def directory_results(viewer, query):
    """The directory for this query. With free text, best matches first (paged over the ranked ids, one query
    per page shown); otherwise sorted by reading. Filtered, the facets are counted over the same members and
    give their number."""
    profiles = filtered_profiles(viewer, query)
    by_reading = ("name_kana", "display_name", "pk")
    if not query.is_filtered:
        return Directory(_for_display(profiles).order_by(*by_reading), listed_count(viewer), None)
    # Filters through departments or expertise join rows that can repeat a member: count each once.
    repeats = bool(query.department or query.expertise or query.my_departments)
    if query.text:
        ranked_ids = matching_profile_ids(viewer, query.text)
        matching = profiles.filter(AnyOf(F("pk"), ranked_ids))
        # The statement that counts the facets also says which ranked members the filters keep: the ids cross
        # to the database once.
        facets = facet_counts(viewer, matching.distinct() if repeats else matching, with_ids=True)
        kept = facets.pop("ids")
        ordered = [pk for pk in ranked_ids if pk in kept]
        return Directory(RankedProfiles(ordered), len(ordered), facets)
    facets = filter_facets(viewer, query, profiles.distinct() if repeats else profiles)
    # The listing's own conditions outside the subquery still let PostgreSQL walk profile_directory_idx in
    # reading order, stopping after a page (it sorted every member).
    listed = directory_profiles_for(viewer).filter(pk__in=profiles.values("pk")) if repeats else profiles
    return Directory(_for_display(listed).order_by(*by_reading), facets["total"], facets)


def filter_facets(viewer, query, profiles):
    """facet_counts() of `profiles`, the directory filtered by `query` without free text, kept in the cache.

    Counted as any viewer of the same audiences sees the members, the counts are the same for all of them, and
    are kept per audiences and filters for DIRECTORY_CACHE_SECONDS under LISTING's number, like the choices.
    What the viewer alone sees (every part of their own profile, even one hidden from peers) is then put right
    on every request: their profile as peers count it is taken away and as they see it added back (two small
    statements). A broad filter counts most members: "joined since 1995" is 33,000 of 50,000, and its statement
    takes 120 ms. The filters on the viewer's own cohort or departments are counted afresh (their values are
    the viewer's)."""
    seconds = settings.DIRECTORY_CACHE_SECONDS
    if seconds <= 0 or query.cohort or query.my_departments:
        return facet_counts(viewer, profiles)
    repeats = profiles.query.distinct
    as_peers = filtered_profiles(viewer, query, as_peer=True)
    as_peers = as_peers.distinct() if repeats else as_peers
    audiences = sorted(audiences_for(viewer))
    everyone = LISTING.kept(
        ["facets", audiences, asdict(query)], seconds, lambda: facet_rows(viewer, as_peers, as_peer=True)
    )
    own_as_peers = facet_rows(viewer, as_peers.filter(user_id=viewer.pk), as_peer=True)
    own = facet_rows(viewer, profiles.filter(user_id=viewer.pk))
    taken_away = [(facet, number, text, -n) for facet, number, text, n in own_as_peers]
    return facets_from_rows([*everyone, *taken_away, *own])


# What facet_counts reads of each matching member: the values counted, and whether the viewer may see each.
FACET_PARTS = ("departments", "career_years", "expertise", "open_to", "location")
FACET_VALUES = ("id", "joined_year", "location", "open_to")


def facet_counts(viewer, profiles, with_ids=False):
    """Counts per department, era (joining decade), expertise, open-to and location among `profiles` (a
    queryset that lists each member once: `.distinct()` where a filter's join may repeat one), and their
    total — each counted only over members who show that part to the viewer, so a count never reveals a
    hidden value. With `with_ids`, also "ids": the set of their primary keys."""
    rows = facet_rows(viewer, profiles, with_ids)
    counts = facets_from_rows(rows)
    if with_ids:
        counts["ids"] = {number for facet, number, _text, _n in rows if facet == "id"}
    return counts


def facet_rows(viewer, profiles, with_ids=False, as_peer=False):
    """The counts of facet_counts() as rows (facet, number, text, count), unsorted and uncut, so that counts
    over sets of members add up (filter_facets). With `with_ids`, a row ("id", pk, None, 0) for each. With
    `as_peer`, the viewer's own profile counts only with what their peers see of it.

    One statement: the matching members are found once (a WITH clause, which also works out whether each
    part is shown) and every facet is counted over them. Five separate aggregates each found them again
    through the same joins: 30–50 ms each at 50,000 members."""
    audiences = audiences_for(viewer)
    if not audiences:
        return []
    shows = {
        f"show_{part}": ExpressionWrapper(
            part_filter(part, audiences, None if as_peer else viewer), output_field=BooleanField()
        )
        for part in FACET_PARTS
    }
    try:
        matched, params = (
            profiles.order_by().annotate(**shows).values(*FACET_VALUES, *shows).query.sql_with_params()
        )
    except EmptyResultSet:  # nobody can match (no text hit, no department of mine)
        return []
    # Django selects a values() query's fields first, then its annotations, each in the order given.
    columns = ", ".join([*FACET_VALUES, *shows])
    quote = connection.ops.quote_name
    through = Profile.departments.through._meta
    # Only table and column names are formatted in; every value is a parameter. A member has each department
    # and each expertise tag once (unique constraints), so the joins count members.
    # Whether a part is shown is a column of m, not a condition here: PostgreSQL has no statistics for a WITH
    # clause's columns, guessed that 1 member in 70 matched, and probed an index once per member.
    sql = f"""
        WITH m({columns}) AS ({matched})
        SELECT 'total', NULL, NULL, COUNT(*) FROM m
        UNION ALL
        SELECT 'department', o.id, o.name, COUNT(*)
        FROM m
        JOIN {quote(through.db_table)} pd ON pd.{quote(through.get_field("profile").column)} = m.id
        JOIN {quote(OrgUnit._meta.db_table)} o ON o.id = pd.{quote(through.get_field("orgunit").column)}
        WHERE o.kind = %s AND m.show_departments
        GROUP BY o.id, o.name
        UNION ALL
        SELECT 'era', (m.joined_year / 10) * 10, NULL, COUNT(*)
        FROM m WHERE m.joined_year IS NOT NULL AND m.show_career_years
        GROUP BY (m.joined_year / 10) * 10
        UNION ALL
        SELECT 'expertise', NULL, t.name, COUNT(*)
        FROM m
        JOIN {quote(ExpertiseTag._meta.db_table)} et ON et.content_object_id = m.id
        JOIN {quote(ExpertiseTag.tag.field.related_model._meta.db_table)} t ON t.id = et.tag_id
        WHERE m.show_expertise
        GROUP BY t.name
        UNION ALL
        SELECT 'open_to', NULL, CAST(m.open_to AS TEXT), COUNT(*)
        FROM m WHERE m.show_open_to
        GROUP BY CAST(m.open_to AS TEXT)
        UNION ALL
        SELECT 'location', NULL, m.location, COUNT(*)
        FROM m WHERE m.location <> '' AND m.show_location
        GROUP BY m.location
    """  # noqa: S608
    if with_ids:
        sql += "UNION ALL SELECT 'id', m.id, NULL, 0 FROM m"
    params = [*params, OrgUnit.DEPARTMENT]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return rows


def facets_from_rows(rows):
    """The facets as the page shows them, from facet_rows() (of one or more sets of members: counts of the same
    value add up): each list by count, cut to what the page shows."""
    found = {"department": Counter(), "era": Counter(), "expertise": Counter(), "location": Counter()}
    names = {}
    open_to = Counter()
    total = 0
    for facet, number, text, n in rows:
        if facet == "total":
            total += n
        elif facet == "open_to":
            for value in json.loads(text or "[]"):
                open_to[value] += n
        elif facet == "department":
            found[facet][number] += n
            names[number] = text
        elif facet == "era":
            found[facet][int(number)] += n
        elif facet in found:
            found[facet][text] += n
    by_count = partial(sorted, key=lambda item: (-item[1], item[0]))
    return {
        "departments": [
            (pk, names[pk], n)
            for pk, n in sorted(found["department"].items(), key=lambda i: (-i[1], names[i[0]]))
        ][:12],
        "eras": sorted(found["era"].items()),
        "expertise": by_count(found["expertise"].items())[:12],
        "open_to": [(value, label, open_to[value]) for value, label in OpenTo.choices if open_to[value]],
        "locations": by_count(found["location"].items())[:10],
        "total": total,
    }


# Bumped whenever a member's listing or what they show changes (search/signals.py, with their re-indexing).
LISTING = Generation("directory:generation")


def listed_count(viewer):
    """How many members the unfiltered directory lists: the same for every member, and counting them reads the
    whole listing (37 ms at 50,000 members)."""
    if not is_member(viewer):
        return 0
    return LISTING.kept("count", settings.DIRECTORY_CACHE_SECONDS, directory_profiles_for(viewer).count)


def filter_options(viewer):
    """Choices for the filter form, built only from what the viewer may see."""
    return {
        "departments": OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT),
        "expertise": expertise_options(viewer),
        "open_to": OpenTo.choices,
    }


def expertise_options(viewer):
    """Names of the expertise tags that at least one listed member shows to the viewer (their own included).

    Every visit to the directory asks, and finding them reads the tags of every member who shows them (65–135
    ms at 50,000 members): kept per audience in the cache for DIRECTORY_CACHE_SECONDS, under LISTING's
    number, so any change to a member's expertise, visibility or listing is seen by the next visit."""
    from taggit.models import Tag

    audiences = sorted(audiences_for(viewer))
    if not audiences:
        return []

    def find():
        shown = directory_profiles_for(viewer).filter(part_filter("expertise", audiences))
        # One existence probe per tag (a few dozen) stops at the first member who shows it; joining every
        # member's tags and de-duplicating read all 75,000 of them (130 ms at 50,000 members).
        return list(
            Tag.objects.filter(
                Exists(ExpertiseTag.objects.filter(tag=OuterRef("pk"), content_object__in=shown))
            ).values_list("name", flat=True)
        )

    names = LISTING.kept(["expertise", audiences], settings.DIRECTORY_CACHE_SECONDS, find)
    mine = profile_of(viewer)
    # The viewer's own tags are among the names already when they are listed and show them to their peers.
    shows_own = mine is None or (mine.expertise_audience in audiences and not mine.hidden_from_directory)
    own = [] if shows_own else mine.expertise.names()
    return sorted({*names, *own})
