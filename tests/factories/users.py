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

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Whoever may open the admin gets an authenticator, as the admin requires (community/admin_mfa.py);
        UserFactory(second_factor=False) makes one who has not set it up yet."""
        from community.admin_mfa import uses_admin

        if create and extracted is not False and uses_admin(self):
            with_authenticator(self)
        for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            self.__dict__.pop(cache, None)  # groups may still be added after this


def with_authenticator(user):
    """Give `user` a TOTP authenticator app, as if they had set it up; returns its secret, for making codes."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
