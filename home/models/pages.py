"""The home page: hero, featured and latest stories, a call to join, community figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from community.figures import community_figures

from .seo import SeoMixin


class HomePage(SeoMixin, Page):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_lead = models.TextField(_("hero lead"), blank=True)
    hero_image = models.ForeignKey(
        "home.PortalImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    join_title = models.CharField(_("call to action title"), max_length=120, blank=True)
    join_text = models.TextField(_("call to action text"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_lead"), FieldPanel("hero_image")], heading=_("Hero")
        ),
        InlinePanel("featured_stories", label=_("Featured stories"), max_num=6),
        MultiFieldPanel([FieldPanel("join_title"), FieldPanel("join_text")], heading=_("Join the community")),
    ]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    @property
    def og_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        from stories.models import StoryIndexPage, StoryPage

        context = super().get_context(request, *args, **kwargs)
        # Only live, public stories (a featured story may since have been unpublished or restricted), fetched in
        # one listing query whatever their number, in the editor's order.
        chosen = list(self.featured_stories.values_list("story_id", flat=True))
        by_id = {story.pk: story for story in StoryPage.objects.for_listing().filter(pk__in=chosen)}
        featured = [by_id[pk] for pk in chosen if pk in by_id]
        featured_ids = [story.pk for story in featured]
        context["featured_stories"] = featured
        context["latest_stories"] = (
            StoryPage.objects.for_listing().filter(locale_id=self.locale_id).exclude(pk__in=featured_ids)[:6]
        )
        context["figures"] = community_figures(locale=self.locale)
        context["story_index"] = self.get_children().live().type(StoryIndexPage).first()
        return context


class HomePageFeaturedStory(Orderable):
    page = ParentalKey(HomePage, related_name="featured_stories", on_delete=models.CASCADE)
    story = models.ForeignKey(
        "stories.StoryPage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [
        PageChooserPanel(
            "story", ["stories.InterviewPage", "stories.EventReportPage", "stories.CollaborationPage"]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("featured story")
