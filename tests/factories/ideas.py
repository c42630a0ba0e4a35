"""Ideas on the supporters' idea board."""

import factory
from factory.django import DjangoModelFactory

from community.models import Idea


class IdeaFactory(DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"アイデア{n}")
    body = factory.Sequence(lambda n: f"こんなことをしてみたい {n}")
    kind = Idea.Kind.EVENT
