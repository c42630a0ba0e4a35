"""Community figures for the home page, counted from data (never typed in by an editor)."""


def community_figures(locale=None):
    """A list of (key, number) pairs: approved members, active groups, events held (public or for members, in
    any language, counted once) and stories published in the locale."""
    from django.utils import timezone

    from community.models import EventPage, Group, Profile
    from community.models.events import Audience
    from stories.models import StoryPage

    stories = StoryPage.objects.live().public()
    if locale is not None:
        stories = stories.filter(locale=locale)
    return [
        ("members", Profile.objects.members().count()),
        ("groups", Group.objects.active().count()),
        (
            "events",
            EventPage.objects.live()
            .filter(audience__in=[Audience.PUBLIC, Audience.MEMBERS], ends_at__lte=timezone.now())
            .values("translation_key")
            .distinct()
            .count(),
        ),
        ("stories", stories.count()),
    ]
