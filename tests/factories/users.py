"""Accounts: community.User logs in with an e-mail address and has no username."""

from django.contrib.auth import get_user_model

import factory
from factory.django import DjangoModelFactory

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    first_name = "花子"
    last_name = factory.Sequence(lambda n: f"山田{n}")
    password = factory.django.Password(DEFAULT_PASSWORD)
    is_active = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """UserFactory(groups=["Editors"]) puts the user in groups (by name or instance)."""
        if not create or not extracted:
            return
        from django.contrib.auth.models import Group

        for group in extracted:
            self.groups.add(group if isinstance(group, Group) else Group.objects.get(name=group))
