"""Events: editors publish them as Wagtail pages; registrations, waitlists and draws are community data.

The page holds what an editor writes (when, where, who may come, how seats are given). Every rule — who sees
an event, who gets a seat, who is promoted — lives in community/events.py. Translations of an event share
the registrations of the page in the default language (`EventPage.canonical`).
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Orderable, Page

from modelcluster.fields import ParentalKey

from community.formatting import render_member_text
from home.models.people import NamedPerson
from home.models.seo import SeoMixin

TIME_ZONES = [
    ("Asia/Tokyo", _("Japan (Asia/Tokyo)")),
    ("UTC", "UTC"),
    ("Asia/Singapore", _("Singapore")),
    ("Asia/Shanghai", _("China (Asia/Shanghai)")),
    ("Europe/London", _("United Kingdom (Europe/London)")),
    ("Europe/Paris", _("Central Europe (Europe/Paris)")),
    ("America/New_York", _("US Eastern (America/New_York)")),
    ("America/Los_Angeles", _("US Pacific (America/Los_Angeles)")),
]


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone (public page)")
    MEMBERS = "members", _("Members only")
    GROUP = "group", _("Members of one group")


class RegistrationMode(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served (with a waitlist)")
    LOTTERY = "lottery", _("Lottery (抽選) at a deadline")


class EventIndexPage(SeoMixin, RoutablePageMixin, Page):
    """/events/: upcoming and past events the viewer may see."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["community.EventPage"]
    max_count_per_parent = 1
    template = "community/events/event_index_page.html"

    class Meta:
        verbose_name = _("event index")

    @path("")
    def index_route(self, request):
        from community.views.events import event_index

        return event_index(request, self)


class EventPage(SeoMixin, RoutablePageMixin, Page):
    description = models.TextField(
        _("description"), max_length=8000, help_text=_("Light formatting: **bold**, lists, links.")
    )
    hero_image = models.ForeignKey(
        "home.PortalImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=40, choices=TIME_ZONES, default="Asia/Tokyo")
    is_online = models.BooleanField(_("held online"), default=False)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = models.URLField(
        _("map link"), blank=True, help_text=_("Empty: a map search for the address is linked.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown only to attendees with a confirmed seat.")
    )
    audience = models.CharField(_("who may see it"), max_length=10, choices=Audience.choices)
    group = models.ForeignKey(
        "community.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_mode = models.CharField(
        _("how seats are given"),
        max_length=12,
        choices=RegistrationMode.choices,
        default=RegistrationMode.FIRST_COME,
    )
    lottery_closes_at = models.DateTimeField(
        _("lottery entries close at"), null=True, blank=True, help_text=_("The draw is made at this time.")
    )
    has_after_party = models.BooleanField(_("after-party (懇親会)"), default=False)
    after_party_capacity = models.PositiveIntegerField(
        _("after-party capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    after_party_note = models.CharField(
        _("after-party details and fee"), max_length=300, blank=True, help_text=_("e.g. 19:00〜 会費 4,000円")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_online"),
                FieldRowPanel([FieldPanel("venue_name"), FieldPanel("venue_address")]),
                FieldRowPanel([FieldPanel("map_url"), FieldPanel("online_url")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("group")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_mode")]),
                FieldPanel("lottery_closes_at"),
            ],
            heading=_("Who may come"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_after_party"),
                FieldRowPanel([FieldPanel("after_party_capacity"), FieldPanel("after_party_note")]),
            ],
            heading=_("After-party"),
        ),
        InlinePanel("speakers", label=_("Speakers")),
    ]
    parent_page_types = ["community.EventIndexPage"]
    subpage_types = []
    template = "community/events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"], name="event_start_idx")]

    def clean(self):
        super().clean()
        self.check_plan()

    def check_plan(self):
        """The event's own rules (dates, audience, lottery, venue), apart from its place in the page tree."""
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.audience == Audience.GROUP and not self.group_id:
            errors["group"] = _("Choose the group whose members may see this event.")
        if self.audience != Audience.GROUP and self.group_id:
            errors["group"] = _("Only events for one group have a group.")
        if self.registration_mode == RegistrationMode.LOTTERY:
            if not self.capacity:
                errors["capacity"] = _("A lottery needs a capacity.")
            if not self.lottery_closes_at:
                errors["lottery_closes_at"] = _("A lottery needs the time its entries close.")
            elif self.starts_at and self.lottery_closes_at >= self.starts_at:
                errors["lottery_closes_at"] = _("Entries must close before the event starts.")
        if self.is_online and not self.online_url and not self.venue_name:
            errors["online_url"] = _("Give the online link (attendees see it), or a venue.")
        if not self.is_online and not self.venue_name:
            errors["venue_name"] = _("Give the venue, or mark the event as online.")
        if errors:
            raise ValidationError(errors)

    # --- what templates and rules read -------------------------------------------------------------------

    @cached_property
    def canonical(self):
        """The page registrations belong to: the one in the default language when it exists."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        return (self.get_translation_or_none(default) if default else None) or self

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    @property
    def description_html(self):
        return render_member_text(self.description)

    @property
    def map_link(self):
        if self.map_url:
            return self.map_url
        if self.venue_address:
            from urllib.parse import quote

            return f"https://www.openstreetmap.org/search?query={quote(self.venue_address)}"
        return ""

    @property
    def meta_description(self):
        return self.search_description or self.description[:160]

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.audience == Audience.PUBLIC else []

    def serve(self, request, *args, **kwargs):
        from community.views.events import refuse_unless_visible

        refusal = refuse_unless_visible(request, self)
        return refusal or super().serve(request, *args, **kwargs)

    @path("")
    def detail_route(self, request):
        from community.views.events import event_detail

        return event_detail(request, self)

    @path("rsvp/")
    def rsvp_route(self, request):
        from community.views.events import event_rsvp

        return event_rsvp(request, self)

    @path("after-party/")
    def after_party_route(self, request):
        from community.views.events import event_after_party

        return event_after_party(request, self)

    @path("ical/")
    def ical_route(self, request):
        from community.views.events import event_ical

        return event_ical(request, self)

    @path("attendees/")
    def attendees_route(self, request):
        from community.views.events import event_attendees

        return event_attendees(request, self)

    @path("draw/")
    def draw_route(self, request):
        from community.views.events import event_draw

        return event_draw(request, self)

    @path("edit/")
    def edit_route(self, request):
        from community.views.events import event_edit

        return event_edit(request, self)


class EventSpeaker(NamedPerson, Orderable):
    page = ParentalKey(EventPage, related_name="speakers", on_delete=models.CASCADE)

    panels = [FieldPanel("name"), *NamedPerson.person_panels]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")


class Registration(models.Model):
    """One member's answer to one event, and the seat it gave them."""

    class Response(models.TextChoices):
        GOING = "going", _("Going")
        MAYBE = "maybe", _("Maybe")
        NOT_GOING = "not_going", _("Not going")

    class Seat(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        ENTERED = "entered", _("Entered in the lottery")
        NONE = "none", _("No seat")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices)
    seat = models.CharField(_("seat"), max_length=10, choices=Seat.choices, default=Seat.NONE)
    # Waitlist order: the time a member joined it, or the draw's order for those a lottery did not pick.
    queued_at = models.DateTimeField(null=True, blank=True)
    after_party = models.CharField(_("after-party"), max_length=10, choices=Seat.choices, default=Seat.NONE)
    after_party_queued_at = models.DateTimeField(null=True, blank=True)
    show_name = models.BooleanField(_("show my name to the other attendees"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event")]
        indexes = [
            models.Index(fields=["event", "seat", "queued_at"], name="registration_seat_idx"),
            models.Index(fields=["user", "seat"], name="registration_user_idx"),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.user} → {self.event} ({self.seat})"


class LotteryDraw(models.Model):
    """The record of a draw: anyone holding it can shuffle `entrants` with `seed` again and get `winners`."""

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="draw")
    seed = models.CharField(max_length=64)
    entrants = models.JSONField(help_text="user ids, in registration order")
    order = models.JSONField(help_text="user ids, in drawn order")
    seats = models.PositiveIntegerField()
    drawn_at = models.DateTimeField(auto_now_add=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lottery draw")
        verbose_name_plural = _("lottery draws")

    def __str__(self):
        return f"{self.event} ({self.drawn_at:%Y-%m-%d %H:%M})"

    @property
    def winners(self):
        return self.order[: self.seats]


class CalendarToken(models.Model):
    """The secret in a member's personal calendar feed address. Revoking it replaces it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"calendar of {self.user}"
