"""Community figures for the home page, counted from data (never typed in by an editor)."""


def community_figures(locale=None):
    """A list of (key, number) pairs: approved members, active groups, and stories published in the locale."""
    from community.models import Group, Profile
    from stories.models import StoryPage

    stories = StoryPage.objects.live().public()
    if locale is not None:
        stories = stories.filter(locale=locale)
    return [
        ("members", Profile.objects.members().count()),
        ("groups", Group.objects.active().count()),
        ("stories", stories.count()),
    ]
