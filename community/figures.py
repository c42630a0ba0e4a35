"""Community figures for the home page, counted from data (never typed in by an editor)."""

from django.contrib.auth import get_user_model


def community_figures(locale=None):
    """A list of (key, number) pairs: members, and stories published in the locale."""
    from stories.models import StoryPage

    stories = StoryPage.objects.live().public()
    if locale is not None:
        stories = stories.filter(locale=locale)
    members = get_user_model().objects.filter(is_active=True, is_staff=False, is_superuser=False)
    return [("members", members.count()), ("stories", stories.count())]
