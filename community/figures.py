"""Community figures for the home page, counted from data (never typed in by an editor)."""

# How long the figures are kept: they are round numbers on the home page, and counting the members alone read
# the whole member table (70 ms at 50,000). Publishing a page renews them at once (the page cache's number).
FIGURES_SECONDS = 300


def community_figures(locale=None):
    """A list of (key, number) pairs: approved members, active groups, events held (public or for members, in
    any language, counted once) and stories published in the locale. Kept in the cache for FIGURES_SECONDS."""
    from django.core.cache import cache

    from home import page_cache

    key = f"figures:{page_cache.generation()}:{getattr(locale, 'pk', '')}"
    figures = cache.get(key)
    if figures is None:
        figures = _count(locale)
        cache.set(key, figures, FIGURES_SECONDS)
    return figures


def _count(locale):
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
