"""Turning stories, members, groups, posts, events and ideas into search entries (and keeping them current).

`entries_for(kind, pk)` says what should be findable about one object right now — nothing if it is hidden,
unpublished, suspended or gone — and `reindex(kind, pk)` makes the table say exactly that.
"""

from django.db import connection, transaction
from django.utils import timezone, translation

from portal.generations import Generation

from .models import Kind, SearchEntry, Variant, Visibility
from .tokeniser import tokenise

# Bumped each time members' entries are rewritten, once the backend's index has them too: member searches kept
# under an older number (search/service.py) are never read again.
MEMBER_ENTRIES = Generation("search:member-entries")

VARIANT_AUDIENCES = {
    Variant.ALUMNI: {"members", "alumni"},
    Variant.EMPLOYEES: {"members", "employees"},
    Variant.ALL: {"members", "alumni", "employees", "private"},
}


def _entry(kind, pk, title, body, visibility, date, **extra):
    return SearchEntry(
        kind=kind,
        object_id=pk,
        title=tokenise(title),
        body=tokenise(body),
        visibility=visibility,
        date=date or timezone.now(),
        **extra,
    )


def _story(pk):
    from stories.models import StoryPage

    page = StoryPage.objects.live().public().filter(pk=pk).select_related("locale").first()
    if page is None:
        return []
    page = page.specific
    people = " ".join(f"{p.name} {p.title}" for p in page.people.all())
    tags = " ".join(tag.name for tag in page.tags.all())
    body = " ".join([page.intro, people, tags, page.body_text()])
    date = page.first_published_at
    if page.published_date:
        date = timezone.make_aware(
            timezone.datetime.combine(page.published_date, timezone.datetime.min.time())
        )
    return [
        _entry(
            Kind.STORY,
            pk,
            page.title,
            body,
            Visibility.PUBLIC,
            date,
            language=page.locale.language_code,
            family=str(page.translation_key),
        )
    ]


def profile_text(profile, audiences, for_display=False):
    """(names, the rest) of a profile as seen by members with these audiences. For indexing, department names
    and open-to labels come in both languages; `for_display` gives the reader's language only, for snippets."""
    parts_seen = {
        part
        for part in (
            "former_surname",
            "career_years",
            "departments",
            "sites",
            "work",
            "location",
            "bio",
            "expertise",
            "open_to",
        )
        if getattr(profile, f"{part}_audience") in audiences
    }
    names = [profile.display_name, profile.name_kana, profile.name_romaji]
    if "former_surname" in parts_seen:
        names.append(profile.former_surname)
    rest = []
    if "career_years" in parts_seen:
        rest += [f"{profile.joined_year}年入社" if profile.joined_year else "", str(profile.left_year or "")]
    if "departments" in parts_seen:
        rest += [unit.name for unit in profile.departments.all()] + [
            unit.name_en for unit in profile.departments.all()
        ]
    if "sites" in parts_seen:
        rest += [unit.name for unit in profile.sites.all()]
    if "work" in parts_seen:
        rest += [profile.organisation, profile.job_title]
    if "location" in parts_seen:
        rest.append(profile.location)
    if "bio" in parts_seen:
        rest.append(profile.bio)
    if "expertise" in parts_seen:
        rest += [tag.name for tag in profile.expertise.all()]
    if "open_to" in parts_seen:
        for language in (None,) if for_display else ("ja", "en"):  # indexed: found in either language
            with translation.override(language or translation.get_language()):
                rest += [str(label) for label in profile.open_to_labels()]
    separator = " · " if for_display else " "
    return " ".join(filter(None, names)), separator.join(filter(None, rest))


def _member(pk):
    from community.models import Profile

    profile = (
        Profile.objects.members()
        .filter(pk=pk, hidden_from_directory=False)
        .prefetch_related("departments", "sites", "expertise")
        .first()
    )
    if profile is None:
        return []
    entries = []
    for variant, audiences in VARIANT_AUDIENCES.items():
        names, rest = profile_text(profile, audiences)
        entries.append(
            _entry(Kind.MEMBER, pk, names, rest, Visibility.MEMBERS, profile.approved_at, variant=variant)
        )
    return entries


def _group(pk):
    from community.models import Group

    group = Group.objects.active().filter(pk=pk).first()
    if group is None:
        return []
    # Members see every active group's name and description, private ones too (so they can ask to join).
    return [_entry(Kind.GROUP, pk, group.name, group.description, Visibility.MEMBERS, group.created_at)]


def _post(pk):
    from community.models import Group, Post

    post = Post.objects.filter(pk=pk, is_hidden=False).select_related("group", "author__profile").first()
    if post is None or (post.group_id and post.group.status != Group.Status.ACTIVE):
        return []
    author = getattr(post.author, "profile", None)
    title = author.display_name if author else ""
    if post.group_id is None:
        return [_entry(Kind.POST, pk, title, post.body, Visibility.MEMBERS, post.created_at)]
    return [
        _entry(
            Kind.POST,
            pk,
            title,
            post.body,
            Visibility.GROUP,
            post.created_at,
            group_id=post.group_id,
            group_private=post.group.is_private,
        )
    ]


def _event(pk):
    from community.models import EventPage
    from community.models.events import Audience

    event = EventPage.objects.live().filter(pk=pk).select_related("group", "locale").first()
    if event is None or (
        event.audience == Audience.GROUP and (event.group is None or event.group.status != "active")
    ):
        return []
    speakers = " ".join(f"{s.name} {s.title}" for s in event.speakers.all())
    body = " ".join([event.description, event.venue_name, event.venue_address, speakers])
    extra = {"language": event.locale.language_code, "family": str(event.translation_key)}
    if event.audience == Audience.GROUP:
        extra.update(group_id=event.group_id, group_private=event.group.is_private)
    visibility = {
        Audience.PUBLIC: Visibility.PUBLIC,
        Audience.MEMBERS: Visibility.MEMBERS,
        Audience.GROUP: Visibility.GROUP,
    }[event.audience]
    return [_entry(Kind.EVENT, pk, event.title, body, visibility, event.starts_at, **extra)]


def _idea(pk):
    from community.models import Idea

    idea = Idea.objects.filter(pk=pk, is_hidden=False).first()
    if idea is None:
        return []
    body = " ".join([idea.body, idea.status_note])
    return [_entry(Kind.IDEA, pk, idea.title, body, Visibility.MEMBERS, idea.created_at)]


BUILDERS = {
    Kind.STORY: _story,
    Kind.MEMBER: _member,
    Kind.GROUP: _group,
    Kind.POST: _post,
    Kind.EVENT: _event,
    Kind.IDEA: _idea,
}


def entries_for(kind, pk):
    return BUILDERS[kind](pk)


def _lock(kind, pk):
    """Two re-indexes of one object at once (two workers, two saves) take turns on PostgreSQL: otherwise both
    delete, both insert, and the second breaks `one_entry_per_variant`. SQLite writes one at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"search:{kind}:{pk}"])


def reindex(kind, pk):
    """Make the entries of one object match what should be findable now. Returns the number of entries."""
    from . import backends

    entries = entries_for(kind, pk)
    with transaction.atomic():
        _lock(kind, pk)
        SearchEntry.objects.filter(kind=kind, object_id=pk).delete()
        saved = []
        for entry in entries:
            entry.save()  # one by one: Wagtail's index follows each save
            saved.append(entry)
    backends.current().update(kind, pk, saved)
    if kind == Kind.MEMBER:
        MEMBER_ENTRIES.bump()
    return len(saved)


def all_ids(kind):
    """Every id that might have entries (the rebuild walks them all)."""
    from community.models import EventPage, Group, Idea, Post, Profile
    from stories.models import StoryPage

    querysets = {
        Kind.STORY: StoryPage.objects.live(),
        Kind.MEMBER: Profile.objects.members(),
        Kind.GROUP: Group.objects.active(),
        Kind.POST: Post.objects.filter(is_hidden=False),
        Kind.EVENT: EventPage.objects.live(),
        Kind.IDEA: Idea.objects.filter(is_hidden=False),
    }
    return querysets[kind].order_by("pk").values_list("pk", flat=True)
