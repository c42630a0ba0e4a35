"""Hidden profile fields never reach a viewer who may not see them: not in pages, attributes, filters or exports."""

import json

from django.urls import reverse

import pytest

from community.audiences import Audience, MemberKind, MembershipStatus
from tests.factories.members import OrgUnitFactory, member

SECRET_EMPLOYER = "秘密商事株式会社"
SECRET_PLACE = "北海道札幌市"
SECRET_FORMER = "旧姓ヒミツ"


@pytest.fixture
def private_member(db):
    department = OrgUnitFactory(name="極秘開発部")
    return member(
        handle="private-person",
        display_name="高橋 直樹",
        organisation=SECRET_EMPLOYER,
        job_title="社長",
        location=SECRET_PLACE,
        former_surname=SECRET_FORMER,
        departments=[department],
        expertise=["ひみつの技術"],
        work_audience=Audience.PRIVATE,
        location_audience=Audience.PRIVATE,
        former_surname_audience=Audience.PRIVATE,
        departments_audience=Audience.PRIVATE,
        expertise_audience=Audience.PRIVATE,
    )


def _pages(client, private_member):
    """The directory's results (the filter form lists the curated departments, which are not personal data)
    and the member's profile page."""
    directory = client.get(reverse("directory")).content.decode()
    results = directory[directory.index('class="results-count"') :]
    profile = client.get(reverse("profile", args=[private_member.handle])).content.decode()
    return results + profile


def test_private_fields_appear_nowhere_for_another_member(login, alumna, private_member):
    html = _pages(login(alumna), private_member)
    assert "高橋 直樹" in html
    for secret in (SECRET_EMPLOYER, SECRET_PLACE, SECRET_FORMER, "極秘開発部", "ひみつの技術"):
        assert secret not in html


def test_member_sees_own_private_fields_and_secretariat_sees_them(login, private_member, secretary):
    own = login(private_member).get(reverse("profile", args=[private_member.handle])).content.decode()
    assert SECRET_EMPLOYER in own
    seen_by_secretariat = (
        login(secretary).get(reverse("profile", args=[private_member.handle])).content.decode()
    )
    assert SECRET_EMPLOYER in seen_by_secretariat


@pytest.mark.parametrize(
    "params",
    [
        {"location": "札幌"},
        {"name": "ヒミツ"},
        {"expertise": "ひみつの技術"},
    ],
)
def test_filtering_by_a_hidden_field_does_not_find_the_member(login, alumna, private_member, params):
    html = login(alumna).get(reverse("directory"), params).content.decode()
    assert "高橋 直樹" not in html


def test_filtering_by_hidden_department_does_not_find_the_member(login, alumna, private_member):
    department = private_member.departments.get()
    html = login(alumna).get(reverse("directory"), {"department": department.pk}).content.decode()
    assert "高橋 直樹" not in html


def test_hidden_expertise_is_not_offered_as_a_filter(login, alumna, private_member):
    html = login(alumna).get(reverse("directory")).content.decode()
    assert "ひみつの技術" not in html


def test_alumni_only_field_is_seen_by_alumni_not_by_employees(login, alumna, employee):
    target = member(
        handle="alumni-only",
        display_name="森 彩",
        organisation="アルムナイ限定社",
        work_audience=Audience.ALUMNI,
    )
    assert "アルムナイ限定社" in login(alumna).get(reverse("profile", args=[target.handle])).content.decode()
    assert (
        "アルムナイ限定社"
        not in login(employee).get(reverse("profile", args=[target.handle])).content.decode()
    )


def test_employee_only_field_is_hidden_from_alumni(login, alumna, employee):
    target = member(
        kind=MemberKind.EMPLOYEE,
        handle="emp-only",
        display_name="林 誠",
        location="静岡県",
        location_audience=Audience.EMPLOYEES,
    )
    assert "静岡県" in login(employee).get(reverse("profile", args=[target.handle])).content.decode()
    assert "静岡県" not in login(alumna).get(reverse("profile", args=[target.handle])).content.decode()


def test_member_hidden_from_directory_is_not_listed(login, alumna):
    member(handle="hidden", display_name="隠れ 太郎", hidden_from_directory=True)
    html = login(alumna).get(reverse("directory")).content.decode()
    assert "隠れ 太郎" not in html


def test_applicants_and_suspended_are_not_in_the_directory(login, alumna, pending, suspended):
    suspended_name = suspended.display_name
    html = login(alumna).get(reverse("directory")).content.decode()
    assert pending.display_name not in html
    assert suspended_name not in html


def test_export_contains_only_my_data(login, alumna, private_member):
    response = login(alumna).get(reverse("me_export"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["handle"] == "alumna"
    assert SECRET_EMPLOYER not in response.content.decode()


def test_export_of_private_member_includes_their_private_fields(login, private_member):
    data = json.loads(login(private_member).get(reverse("me_export")).content)
    assert data["profile"]["organisation"] == SECRET_EMPLOYER
    assert data["profile"]["audiences"]["work"] == "private"


def test_defaults_protect_privacy(db):
    profile = member(handle="defaults")
    assert profile.work_audience == Audience.PRIVATE
    assert profile.location_audience == Audience.PRIVATE
    assert profile.former_surname_audience == Audience.PRIVATE
    assert profile.public_card is False
    assert profile.hidden_from_directory is False


def test_directory_quick_filters_cohort_and_my_departments(login, db):
    department = OrgUnitFactory(name="商品開発部")
    me = member(handle="me", joined_year=2008, departments=[department])
    member(handle="same-year", display_name="同期 一郎", joined_year=2008)
    member(handle="other-year", display_name="先輩 次郎", joined_year=1999)
    member(handle="same-dept", display_name="同じ部 三郎", joined_year=1990, departments=[department])
    client = login(me)
    cohort = client.get(reverse("directory"), {"cohort": "1"}).content.decode()
    assert "同期 一郎" in cohort and "先輩 次郎" not in cohort
    mine = client.get(reverse("directory"), {"mine": "1"}).content.decode()
    assert "同じ部 三郎" in mine and "先輩 次郎" not in mine


def test_directory_query_count_does_not_grow_with_members(login, alumna, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_directory():
        client.get(reverse("directory"))  # warm per-process caches (site, locale)
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("directory")).status_code == 200
        return len(context)

    client = login(alumna)
    for index in range(3):
        member(handle=f"few-{index}", expertise=["発酵"], departments=[OrgUnitFactory(name="研究所")])
    few = queries_for_directory()
    for index in range(30):
        member(handle=f"bulk-{index}", expertise=["発酵"], departments=[OrgUnitFactory(name="研究所")])
    assert queries_for_directory() == few
    with django_assert_max_num_queries(32):  # a filtered directory adds its five facet counts
        client.get(reverse("directory"), {"expertise": "発酵", "department": 1, "joined_from": 2000})


def test_directory_suspension_removes_member_at_once(login, alumna):
    target = member(handle="soon-suspended", display_name="停止 予定")
    client = login(alumna)
    assert "停止 予定" in client.get(reverse("directory")).content.decode()
    target.status = MembershipStatus.SUSPENDED
    target.save()
    assert "停止 予定" not in client.get(reverse("directory")).content.decode()
    assert client.get(reverse("profile", args=[target.handle])).status_code == 404


def test_public_card_shows_only_when_the_member_opted_in(client, interview):
    from stories.models import StoryPerson

    featured = member(handle="featured", public_headline="2008年入社・現 起業家", public_card=False)
    StoryPerson.objects.create(page=interview, name="山田 花子", member=featured.user)
    assert "2008年入社・現 起業家" not in client.get(interview.url).content.decode()
    featured.public_card = True
    featured.save()
    html = client.get(interview.url).content.decode()
    assert "2008年入社・現 起業家" in html
    assert featured.organisation not in html or not featured.organisation
