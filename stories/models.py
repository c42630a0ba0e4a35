"""Story pages: the public, editorial half of the site.

All story kinds share one concrete base, `StoryPage`, so the index, the home page and the feed list every
kind in one query; each kind adds only its own fields and body blocks (see docs/code-organisation.md).
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from home.models.people import NamedPerson
from home.models.seo import SeoMixin

from .blocks import InterviewBodyBlock, LinkBlock, StoryBodyBlock
from .reading_time import reading_minutes, text_of

STORIES_PER_PAGE = 9


class StoryPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public stories, newest first, with what a story card shows fetched up front."""
        return (
            self.live()
            .public()
            .select_related("hero_image", "locale")
            .prefetch_related("hero_image__renditions", "tags")
            .order_by("-published_date", "-pk")
        )


StoryPageManager = PageManager.from_queryset(StoryPageQuerySet)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE)


class StoryPage(SeoMixin, Page):
    """What every story has. Not creatable on its own: editors pick a kind."""

    intro = models.TextField(_("introduction"), help_text=_("Two or three sentences shown in listings."))
    hero_image = models.ForeignKey(
        "home.PortalImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_date = models.DateField(_("published date"), default=timezone.localdate)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)

    objects = StoryPageManager()

    is_creatable = False
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []
    kind_slug = ""

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.FilterField("published_date"),
        index.FilterField("locale_id"),
    ]

    story_panels = [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldRowPanel([FieldPanel("published_date"), FieldPanel("tags")]),
    ]
    people_panel = InlinePanel("people", label=_("People in this story"), heading=_("People"))

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        indexes = [models.Index(fields=["-published_date"], name="story_published_idx")]

    @property
    def og_image(self):
        return self.hero_image

    @property
    def kind_label(self):
        return self.specific_class._meta.verbose_name

    @property
    def kind(self):
        return self.specific_class.kind_slug

    def body_text(self):
        body = getattr(self, "body", None)
        return text_of(body.raw_data) if body is not None else ""

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.intro, self.body_text())
        super().save(*args, **kwargs)

    @cached_property
    def people_by_role(self):
        grouped = {}
        people = self.people.select_related("member__profile", "photo").prefetch_related("photo__renditions")
        for person in people:
            grouped.setdefault(person.role, []).append(person)
        return grouped

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent().specific
        context["related_stories"] = (
            StoryPage.objects.for_listing()
            .filter(locale_id=self.locale_id, tags__in=self.tags.all())
            .exclude(pk=self.pk)
            .distinct()[:3]
        )
        return context


class StoryPerson(NamedPerson, Orderable):
    """Someone who appears in a story: an interviewee, the interviewer, a speaker, a collaborator."""

    ROLE_INTERVIEWEE = "interviewee"
    ROLE_INTERVIEWER = "interviewer"
    ROLE_SPEAKER = "speaker"
    ROLE_COLLABORATOR = "collaborator"
    ROLES = [
        (ROLE_INTERVIEWEE, _("Interviewee")),
        (ROLE_INTERVIEWER, _("Interviewer")),
        (ROLE_SPEAKER, _("Speaker")),
        (ROLE_COLLABORATOR, _("Collaborator")),
    ]

    page = ParentalKey(StoryPage, related_name="people", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=ROLES, default=ROLE_INTERVIEWEE)

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("name")]), *NamedPerson.person_panels]

    class Meta(Orderable.Meta):
        verbose_name = _("person in the story")
        verbose_name_plural = _("people in the story")


class InterviewPage(StoryPage):
    body = StreamField(InterviewBodyBlock(), verbose_name=_("body"))

    kind_slug = "interview"
    template = "stories/interview_page.html"
    search_fields = [*StoryPage.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        *StoryPage.story_panels,
        StoryPage.people_panel,
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")


class EventReportPage(StoryPage):
    event_date = models.DateField(_("event date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    is_online = models.BooleanField(_("held online"), default=False)
    event_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page of the event this report is about, when there is one."),
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("report"))

    kind_slug = "event-report"
    template = "stories/event_report_page.html"
    search_fields = [*StoryPage.search_fields, index.SearchField("venue"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        *StoryPage.story_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_date"), FieldPanel("is_online")]),
                FieldPanel("venue"),
                PageChooserPanel("event_page"),
            ],
            heading=_("The event"),
        ),
        StoryPage.people_panel,
        FieldPanel("body"),
        InlinePanel("gallery_images", label=_("Photo gallery"), heading=_("Photo gallery")),
    ]

    class Meta:
        verbose_name = _("event report")
        verbose_name_plural = _("event reports")

    @cached_property
    def gallery(self):
        """Gallery images with their renditions, in two queries whatever their number."""
        return list(self.gallery_images.select_related("image").prefetch_related("image__renditions"))


class EventReportGalleryImage(Orderable):
    page = ParentalKey(EventReportPage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "home.PortalImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class CollaborationPage(StoryPage):
    partner_organisation = models.CharField(_("partner organisation"), max_length=200)
    partner_url = models.URLField(_("partner website"), blank=True)
    links = StreamField([("link", LinkBlock())], verbose_name=_("products and links"), blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"))

    kind_slug = "collaboration"
    template = "stories/collaboration_page.html"
    search_fields = [
        *StoryPage.search_fields,
        index.SearchField("partner_organisation"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        *StoryPage.story_panels,
        MultiFieldPanel(
            [FieldPanel("partner_organisation"), FieldPanel("partner_url")], heading=_("Partner")
        ),
        StoryPage.people_panel,
        FieldPanel("body"),
        FieldPanel("links"),
    ]

    class Meta:
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")


STORY_KINDS = {model.kind_slug: model for model in (InterviewPage, EventReportPage, CollaborationPage)}


class StoryIndexPage(SeoMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["stories.InterviewPage", "stories.EventReportPage", "stories.CollaborationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def stories(self):
        return StoryPage.objects.for_listing().descendant_of(self)

    def filtered_stories(self, kind="", tag=""):
        stories = self.stories()
        if kind in STORY_KINDS:
            stories = stories.type(STORY_KINDS[kind])
        if tag:
            stories = stories.filter(tags__slug=tag)
        return stories

    @path("")
    def index_route(self, request):
        kind = request.GET.get("kind", "")
        tag = request.GET.get("tag", "")
        paginator = Paginator(self.filtered_stories(kind, tag), STORIES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        tags = (
            StoryPageTag.tag_model()
            .objects.filter(stories_storypagetag_items__content_object__in=self.stories())
            .distinct()
            .order_by("name")
        )
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "stories": page_obj.object_list,
                "kinds": [(slug, model._meta.verbose_name_plural) for slug, model in STORY_KINDS.items()],
                "current_kind": kind if kind in STORY_KINDS else "",
                "current_tag": tag,
                "tags": tags,
            },
        )

    @path("feed/", name="feed")
    def feed_route(self, request):
        from .feeds import StoriesFeed

        return StoriesFeed()(request, index_page=self)

    @path("feed/atom/", name="atom_feed")
    def atom_feed_route(self, request):
        from .feeds import StoriesAtomFeed

        return StoriesAtomFeed()(request, index_page=self)
