"""Groups, posts and comments for community tests."""

import factory
from factory.django import DjangoModelFactory

from community.models import Group, GroupMembership, Post


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"グループ{n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    description = "説明"
    status = Group.Status.ACTIVE


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    body = factory.Sequence(lambda n: f"投稿 {n}")


def add_member(group, profile, role=GroupMembership.Role.MEMBER, state=GroupMembership.State.ACTIVE):
    return GroupMembership.objects.create(group=group, user=profile.user, role=role, state=state)
