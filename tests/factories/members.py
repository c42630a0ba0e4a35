"""Members in every state the permission rules care about: applicant, rejected, member, suspended, secretariat."""

import factory
from factory.django import DjangoModelFactory

from community.audiences import MemberKind, MembershipStatus
from community.models import Application, OrgUnit, Profile

from .users import UserFactory, with_authenticator


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit
        django_get_or_create = ("kind", "name")

    kind = OrgUnit.DEPARTMENT
    name = factory.Sequence(lambda n: f"部署{n}")


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    handle = factory.Sequence(lambda n: f"member-{n}")
    kind = MemberKind.ALUMNI
    status = MembershipStatus.MEMBER
    display_name = factory.Sequence(lambda n: f"山田 花子{n}")
    name_kana = factory.Sequence(lambda n: f"やまだ はなこ{n}")
    name_romaji = factory.Sequence(lambda n: f"Hanako Yamada {n}")
    joined_year = 2008
    left_year = 2020

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    user = factory.SubFactory(UserFactory)
    kind = MemberKind.ALUMNI
    full_name = "岡本 慎也"
    name_kana = "おかもと しんや"
    name_romaji = "Shinya Okamoto"
    joined_year = 2001
    left_year = 2018
    departments = "東京営業部"


def member(kind=MemberKind.ALUMNI, **fields):
    """An approved member (alumni unless told otherwise)."""
    return ProfileFactory(kind=kind, left_year=None if kind != MemberKind.ALUMNI else 2020, **fields)


def applicant(**fields):
    """A signed-up user whose application is pending."""
    from community.membership import submit_application

    user = fields.pop("user", None) or UserFactory()
    application = ApplicationFactory.build(user=user, **fields)
    submit_application(application)
    return application.user.profile


def with_status(status, **fields):
    return ProfileFactory(status=status, **fields)


def secretariat(**fields):
    profile = ProfileFactory(kind=MemberKind.SECRETARIAT, left_year=None, **fields)
    from django.contrib.auth.models import Group

    profile.user.groups.add(Group.objects.get(name="Secretariat"))
    with_authenticator(profile.user)  # the admin asks for it (community/admin_mfa.py)
    return profile
