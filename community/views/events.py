"""Events: the index and an event's page (served by their Wagtail pages' routes), RSVP, the after-party, calendar
files, the organisers' attendee list and draw, and a group's events written in the site."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Locale

from community import events as rules
from community import permissions
from community.calendar import event_ics, personal_ics
from community.forms.events import EventForm, RsvpForm
from community.models import EventPage, Group, Registration
from community.ratelimit import RateLimited

from .access import member_required, refuse

EVENTS_PER_PAGE = 12
Seat = Registration.Seat


def refuse_unless_visible(request, event):
    """None if the viewer may see the event; otherwise the uniform refusal (design.md)."""
    if rules.can_see_event(request.user, event):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.is_member(request.user):
        return refuse(request, permissions.refusal_reason(request.user))
    raise Http404  # a group's event the member may not know about


def _page_response(request, page, template, context):
    return TemplateResponse(request, template, {**page.get_context(request), **context})


def event_index(request, index):
    user = request.user
    show = request.GET.get("show", "upcoming")
    now = timezone.now()
    events = rules.events_in_locale(rules.visible_events_for(user), index.locale).select_related(
        "group", "hero_image", "locale"
    )
    if show == "past":
        events = events.filter(ends_at__lte=now).order_by("-starts_at")
    elif show == "mine" and permissions.is_member(user):
        mine = rules.my_events(user).values("translation_key")
        events = events.filter(translation_key__in=mine, ends_at__gt=now).order_by("starts_at")
    else:
        show = "upcoming"
        events = events.filter(ends_at__gt=now).order_by("starts_at")
    events = events.annotate(
        going=Count("registrations", filter=Q(registrations__seat=Seat.CONFIRMED), distinct=True)
    )
    page_obj = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("p"))
    return _page_response(
        request,
        index,
        index.template,
        {"events": page_obj, "show": show, "is_member": permissions.is_member(user)},
    )


def _report_for(event):
    from stories.models import EventReportPage

    pages = [event.pk, event.canonical.pk]
    report = EventReportPage.objects.live().public().filter(event_page_id__in=pages)
    return report.filter(locale=event.locale).first() or report.first()


def event_detail(request, event):
    user = request.user
    canonical = event.canonical
    registration = rules.registration_of(user, event)
    counts = rules.seat_counts(event)
    organiser = rules.is_organiser(user, event)
    draw = getattr(canonical, "draw", None) if canonical.registration_mode == "lottery" else None
    context = {
        "event": event,
        "registration": registration,
        "counts": counts,
        "seats_left": rules.seats_left(canonical, counts),
        "waitlist_position": rules.waitlist_position(registration) if registration else None,
        "online_link_visible": rules.can_see_online_link(user, event, registration),
        "attendees": rules.attendees_for(user, event),
        "is_member": permissions.is_member(user),
        "is_organiser": organiser,
        "lottery_open": rules.lottery_open(canonical),
        "draw": draw,
        "draw_verified": rules.verify_draw(draw) if draw and organiser else None,
        "can_draw": organiser
        and canonical.registration_mode == "lottery"
        and draw is None
        and canonical.lottery_closes_at <= timezone.now(),
        "report": _report_for(event) if event.is_past else None,
        "speakers": list(event.speakers.select_related("photo", "member__profile")),
        "responses": Registration.Response.choices,
    }
    return _page_response(request, event, event.template, context)


def _back(event):
    return redirect(event.get_url() + "#rsvp")


@require_http_methods(["POST"])
def event_rsvp(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_url())
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose going, maybe or not going."))
        return _back(event)
    try:
        registration = rules.rsvp(
            request.user, event, form.cleaned_data["response"], show_name=form.cleaned_data["show_name"]
        )
    except PermissionDenied:
        return refuse(request, permissions.refusal_reason(request.user))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    except RateLimited as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _answer_message(registration))
    return _back(event)


def _answer_message(registration):
    if registration.seat == Seat.CONFIRMED:
        return _("You are attending. See you there!")
    if registration.seat == Seat.WAITLISTED:
        return _(
            "The event is full: you are on the waitlist, number %(n)d. We will tell you if a seat opens up."
        ) % {"n": rules.waitlist_position(registration)}
    if registration.seat == Seat.ENTERED:
        return _("You are entered in the lottery. We will tell you the result after the draw.")
    return _("Your answer is saved.")


@require_http_methods(["POST"])
def event_after_party(request, event):
    if not (request.user.is_authenticated and permissions.is_member(request.user)):
        raise Http404
    wanted = request.POST.get("wanted") == "1"
    try:
        registration = rules.set_after_party(request.user, event, wanted)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if registration.after_party == Seat.CONFIRMED:
            messages.success(request, _("You are signed up for the after-party."))
        elif registration.after_party == Seat.WAITLISTED:
            messages.success(request, _("The after-party is full: you are on its waitlist."))
        else:
            messages.success(request, _("You are no longer signed up for the after-party."))
    return _back(event)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def event_ical(request, event):
    with_link = rules.can_see_online_link(request.user, event)
    return _ics_response(event_ics(event, with_online_link=with_link), f"event-{event.canonical.pk}.ics")


def event_attendees(request, event):
    """The printable list for name badges and the reception desk: organisers only."""
    if not rules.is_organiser(request.user, event):
        raise Http404
    registrations = (
        Registration.objects.filter(event=event.canonical)
        .exclude(seat=Seat.NONE)
        .select_related("user__profile")
        .order_by("user__profile__name_kana", "user__profile__display_name", "pk")
    )
    confirmed = [r for r in registrations if r.seat == Seat.CONFIRMED]
    waiting = sorted(
        (r for r in registrations if r.seat == Seat.WAITLISTED), key=lambda r: (r.queued_at, r.pk)
    )
    return render(
        request,
        "community/events/attendees.html",
        {
            "event": event,
            "confirmed": confirmed,
            "waiting": waiting,
            "entered": [r for r in registrations if r.seat == Seat.ENTERED],
            "after_party_count": sum(1 for r in confirmed if r.after_party == Seat.CONFIRMED),
        },
    )


@require_http_methods(["POST"])
def event_draw(request, event):
    if not rules.is_organiser(request.user, event):
        raise Http404
    try:
        draw = rules.draw_lottery(event, drawn_by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The lottery is drawn: %(n)d seats given.") % {"n": len(draw.winners)})
    return _back(event)


@require_http_methods(["GET", "POST"])
def event_edit(request, event):
    if not rules.is_organiser(request.user, event) or event.group_id is None:
        raise Http404  # editors' events are edited in the admin
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            rules.update_event(request.user, form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event is updated."))
            return redirect(event.get_url())
    return render(
        request, "community/events/event_form.html", {"form": form, "event": event, "group": event.group}
    )


@member_required
@require_http_methods(["GET", "POST"])
def group_event_new(request, slug):
    group = get_object_or_404(Group, slug=slug)
    if not permissions.can_see_group(request.user, group):
        raise Http404
    if not rules.can_create_group_event(request.user, group):
        raise PermissionDenied
    form = EventForm(request.POST or None, initial={"time_zone": "Asia/Tokyo"})
    if request.method == "POST" and form.is_valid():
        event = form.instance
        event.slug = _free_slug(group, event)
        locale = Locale.get_active()
        try:
            rules.create_group_event(request.user, group, event, locale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The event is published for the members of %(group)s.") % {"group": group}
            )
            return redirect(event.get_url())
    return render(request, "community/events/event_form.html", {"form": form, "group": group})


def _free_slug(group, event):
    base = slugify(f"{event.local_start:%Y-%m-%d}-{group.slug}", allow_unicode=True)[:70]
    taken = set(EventPage.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def personal_calendar(request, token):
    """A member's events as a calendar feed, for calendar apps that cannot log in: the token is the key."""
    user = rules.user_for_calendar_token(token)
    if user is None:
        raise Http404
    events = list(rules.my_events(user).select_related("locale"))
    return _ics_response(personal_ics(user, events, _("Tsunagari: my events")), "tsunagari.ics")


@member_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST":
        rules.revoke_calendar_token(request.user)
        messages.success(request, _("Your calendar has a new address; the old one no longer works."))
        return redirect("calendar_settings")
    token = rules.calendar_token_for(request.user)
    feed_url = request.build_absolute_uri(reverse("personal_calendar", args=[token]))
    return render(
        request,
        "community/events/calendar_settings.html",
        {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[1]},
    )
