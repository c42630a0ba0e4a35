"""The directory's facet counts, filter choices and member count: exact, counted only over what the viewer may
see (their own profile always), and — where kept in the cache — renewed by the next change to a member."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from community.audiences import MembershipStatus
from community.permissions import directory_profiles_for
from search.directory import DirectoryQuery, directory_results, expertise_options, facet_counts
from search.entries import reindex
from search.models import Kind
from tests.factories.members import OrgUnitFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(alumna):
    lab, quality = OrgUnitFactory(name="研究所"), OrgUnitFactory(name="品質保証部")
    alumna.joined_year, alumna.location = 1999, ""
    alumna.departments_audience = alumna.career_years_audience = "private"
    alumna.save()
    alumna.departments.set([lab])
    shown = member(
        handle="shown",
        departments=[lab, quality],
        joined_year=1995,
        location="東京都",
        location_audience="members",
        open_to=["mentoring", "coffee"],
        expertise=["発酵", "HACCP"],
    )
    hidden = member(
        handle="hidden",
        departments=[lab],
        joined_year=2003,
        location="大阪府",
        open_to=["mentoring"],
        expertise=["発酵", "極秘技術"],
        departments_audience="private",
        career_years_audience="employees",
        expertise_audience="private",
        open_to_audience="alumni",
        location_audience="alumni",
    )
    quiet = member(handle="quiet", departments=[quality], joined_year=2008, location="京都府")  # private
    return {"lab": lab, "quality": quality, "shown": shown, "hidden": hidden, "quiet": quiet}


def test_every_facet_counts_only_what_the_viewer_may_see_and_their_own(alumna, community):
    lab, quality = community["lab"], community["quality"]
    facets = facet_counts(alumna.user, directory_profiles_for(alumna.user))
    assert facets["total"] == 4
    # 研究所: `shown` and the viewer's own (private to others, never to herself); `hidden` keeps it private.
    assert facets["departments"] == [(quality.pk, "品質保証部", 2), (lab.pk, "研究所", 2)]
    assert facets["eras"] == [(1990, 2), (2000, 1)]  # 2003 is shown to employees only
    assert facets["expertise"] == [("HACCP", 1), ("発酵", 1)]
    assert [(value, n) for value, _label, n in facets["open_to"]] == [("mentoring", 2), ("coffee", 1)]
    assert facets["locations"] == [("大阪府", 1), ("東京都", 1)]
    assert "極秘技術" not in str(facets)


def test_a_member_matched_twice_by_a_filter_is_counted_once(alumna, community):
    alumna.departments.set([community["lab"], community["quality"]])
    alumna.departments_audience = "members"
    alumna.save()
    results = directory_results(alumna.user, DirectoryQuery(my_departments=True))
    facets = results.facets
    # alumna, shown, quiet (hidden's department is private)
    assert facets["total"] == results.count == len(list(results.members)) == 3
    assert {name: n for _pk, name, n in facets["departments"]} == {"研究所": 2, "品質保証部": 3}


def test_a_keyword_and_a_filter_list_and_count_the_same_members_in_rank_order(alumna, community):
    lab, quality = community["lab"], community["quality"]
    shown = {"departments_audience": "members"}
    by_name = member(handle="n", display_name="醸造 一郎", departments=[lab], **shown)
    by_bio = member(handle="b", bio="醸造の仕事をしていました", departments=[lab, quality], **shown)
    elsewhere = member(handle="e", bio="醸造", departments=[quality], **shown)
    secretive = member(handle="s", bio="醸造", departments=[lab], departments_audience="private")
    for profile in (by_name, by_bio, elsewhere, secretive):
        reindex(Kind.MEMBER, profile.pk)
    results = directory_results(alumna.user, DirectoryQuery(text="醸造", department=lab.pk))
    assert list(results.members) == [by_name, by_bio]  # rank order; `secretive` hides the department
    assert results.count == results.facets["total"] == 2
    assert {name: n for _pk, name, n in results.facets["departments"]} == {"研究所": 2, "品質保証部": 1}
    assert "ids" not in results.facets


def test_the_directory_page_with_a_keyword_and_a_filter_has_a_bounded_query_count(
    login, alumna, community, django_assert_max_num_queries
):
    lab = community["lab"]

    def brewers(first, last):
        for number in range(first, last):
            brewer = member(
                handle=f"brewer-{number}", bio="醸造の仕事", departments=[lab], departments_audience="members"
            )
            reindex(Kind.MEMBER, brewer.pk)

    def queries():
        client.get(reverse("directory"), params)  # per-process caches (site, locale) warmed
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("directory"), params)
        assert response.status_code == 200
        assert response.content.decode().count('class="member-card"') == 24  # a full first page
        return len(captured)

    client = login(alumna)
    params = {"q": "醸造", "department": lab.pk}
    brewers(0, 30)
    few = queries()
    brewers(30, 90)
    assert queries() == few  # nothing is read per member
    # The page frame, the member search (on PostgreSQL with its planner settings around it), one statement for
    # facets and count, the cards and their departments: 21–22 here, a few more where the cache is Redis.
    with django_assert_max_num_queries(26):
        client.get(reverse("directory"), params)


def test_facets_of_nobody_are_empty(alumna, community):
    facets = facet_counts(alumna.user, directory_profiles_for(alumna.user).none())
    assert facets == {
        "departments": [],
        "eras": [],
        "expertise": [],
        "open_to": [],
        "locations": [],
        "total": 0,
    }


def results_count(client, **params):
    html = client.get(reverse("directory"), params).content.decode()
    return int(re.search(r'class="results-count" role="status">\D*(\d+)', html).group(1))


def test_the_filtered_page_counts_its_members_from_the_facets(login, alumna, community):
    # alumna (her own years), shown, quiet; hidden's years are shown to employees only
    assert results_count(login(alumna), joined_from=1990) == 3


@pytest.fixture
def kept(settings):
    settings.DIRECTORY_CACHE_SECONDS = 600


@pytest.mark.usefixtures("kept")
def test_kept_expertise_choices_follow_every_change_at_once(alumna, community):
    shown, hidden = community["shown"], community["hidden"]
    assert expertise_options(alumna.user) == ["HACCP", "発酵"]
    shown.expertise.add("燻製")
    assert "燻製" in expertise_options(alumna.user)
    hidden.expertise_audience = "members"
    hidden.save()
    assert "極秘技術" in expertise_options(alumna.user)
    hidden.status = MembershipStatus.SUSPENDED
    hidden.save()
    assert "極秘技術" not in expertise_options(alumna.user)
    shown.hidden_from_directory = True
    shown.save()
    assert expertise_options(alumna.user) == []  # nobody listed shows any expertise now
    alumna.expertise_audience = "private"
    alumna.save()
    alumna.expertise.add("秘密の趣味")
    assert "秘密の趣味" in expertise_options(alumna.user)  # her own, though private
    assert "秘密の趣味" not in expertise_options(community["quiet"].user)


@pytest.mark.usefixtures("kept")
def test_kept_member_count_follows_listing_changes_at_once(login, alumna, community):
    client = login(alumna)
    assert results_count(client) == 4
    member(handle="newcomer")
    assert results_count(client) == 5
    community["quiet"].user.is_active = False
    community["quiet"].user.save()
    assert results_count(client) == 4
    community["shown"].hidden_from_directory = True
    community["shown"].save()
    assert results_count(client) == 3


def facet_statements(user, query):
    """The directory's results for `query`, and how many facet statements it made."""
    with CaptureQueriesContext(connection) as queries:
        results = directory_results(user, query)
    return results, sum("WITH m(" in entry["sql"] for entry in queries.captured_queries)


@pytest.mark.usefixtures("kept")
def test_kept_filter_facets_are_each_viewers_own(settings, alumna, community):
    """The others' counts are shared by one audience; what each viewer sees of their own profile is not."""
    query = DirectoryQuery(joined_from=1990)
    quiet = community["quiet"].user
    viewers = [alumna.user, quiet, alumna.user, quiet]
    kept, statements = zip(*(facet_statements(user, query) for user in viewers), strict=True)
    assert statements == (3, 2, 2, 2)  # everyone counted once; each viewer's own profile every time
    settings.DIRECTORY_CACHE_SECONDS = 0
    fresh = [directory_results(user, query).facets for user in viewers]
    assert [results.facets for results in kept] == fresh
    # Her years and department are private: they count for her alone.
    lab = [{name: n for _pk, name, n in results.facets["departments"]}["研究所"] for results in kept]
    assert lab == [2, 1, 2, 1]
    assert kept[0].facets["total"] == kept[1].facets["total"] + 1


@pytest.mark.usefixtures("kept")
def test_kept_filter_facets_follow_every_change_at_once(alumna, community):
    query = DirectoryQuery(joined_from=1990)
    shown = community["shown"]

    def departments():
        return [name for _pk, name, _n in directory_results(alumna.user, query).facets["departments"]]

    assert "海外事業部" not in departments()
    shown.departments.add(OrgUnitFactory(name="海外事業部"))
    assert "海外事業部" in departments()
    shown.departments_audience = "private"
    shown.save()
    assert "海外事業部" not in departments()
    shown.departments_audience = "members"
    shown.save()
    assert "海外事業部" in departments()
    shown.user.is_active = False
    shown.user.save()
    assert "海外事業部" not in departments()
