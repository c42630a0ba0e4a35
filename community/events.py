"""Events: who may see one, who gets a seat, the waitlist, the lottery, the after-party, reminders.

Seats are given under a lock on the event's row, so simultaneous answers for the last seats never exceed the
capacity (PostgreSQL; SQLite serialises writers anyway). Notifications about seats are sent after commit.
"""

import random
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, ratelimit
from .models import CalendarToken, EventIndexPage, EventPage, LotteryDraw, Registration
from .models.events import Audience, RegistrationMode
from .models.notifications import Kind

Seat = Registration.Seat
Response = Registration.Response
REMINDER_WINDOW = timedelta(hours=24)


# --- Who may see what -------------------------------------------------------------------------------------


def can_see_event(user, event):
    """Public events: everyone. Members' events: members. A group's events: those who may read the group."""
    if not event.live:
        return False
    if event.audience == Audience.PUBLIC:
        return True
    if event.audience == Audience.MEMBERS:
        return permissions.is_member(user)
    return event.group is not None and permissions.can_read_group(user, event.group)


def visible_events_for(user):
    """Live events the user may see, in every locale (EventIndexPage picks one version of each)."""
    from .models import Group

    events = EventPage.objects.live()
    if permissions.is_secretariat(user):
        return events
    visible = Q(audience=Audience.PUBLIC)
    if permissions.is_member(user):
        visible |= Q(audience=Audience.MEMBERS)
        visible |= Q(
            audience=Audience.GROUP,
            group__status=Group.Status.ACTIVE,
        ) & (Q(group__is_private=False) | Q(group_id__in=permissions.active_group_ids(user)))
    return events.filter(visible)


def events_in_locale(events, locale):
    """One version of each event: the one in `locale` when it exists, otherwise the original."""
    translated = EventPage.objects.filter(locale=locale).values("translation_key")
    return events.filter(Q(locale=locale) | ~Q(translation_key__in=translated))


def is_organiser(user, event):
    """The secretariat, whoever created the event, and the moderators of its group."""
    if not permissions.is_member(user):
        return False
    if permissions.is_secretariat(user) or event.owner_id == user.pk:
        return True
    return event.group_id is not None and permissions.can_moderate(user, event.group)


def can_create_group_event(user, group):
    return group.status == group.Status.ACTIVE and permissions.can_moderate(user, group)


def registration_of(user, event):
    if not (user and user.is_authenticated):
        return None
    return Registration.objects.filter(event=event.canonical, user=user).first()


def can_see_online_link(user, event, registration=None):
    if is_organiser(user, event):
        return True
    registration = registration if registration is not None else registration_of(user, event)
    return registration is not None and registration.seat == Seat.CONFIRMED


def seat_counts(event):
    """{seat: number} for the event, in one query."""
    rows = (
        Registration.objects.filter(event=event.canonical).values("seat").annotate(n=Count("id")).order_by()
    )
    counts = dict.fromkeys(Seat.values, 0)
    counts.update({row["seat"]: row["n"] for row in rows})
    return counts


def seats_left(event, counts=None):
    """Seats still free, or None when the event has no limit."""
    if event.capacity is None:
        return None
    counts = counts or seat_counts(event)
    return max(event.capacity - counts[Seat.CONFIRMED], 0)


def attendees_for(viewer, event):
    """Confirmed attendees the viewer may see named: organisers see all; attendees see those who show their
    name (and themselves); everyone else sees nobody (only the count)."""
    confirmed = (
        Registration.objects.filter(event=event.canonical, seat=Seat.CONFIRMED)
        .select_related("user__profile")
        .order_by("user__profile__name_kana", "user__profile__display_name", "pk")
    )
    if is_organiser(viewer, event):
        return list(confirmed)
    mine = registration_of(viewer, event)
    if mine is None or mine.seat != Seat.CONFIRMED:
        return []
    return list(confirmed.filter(Q(show_name=True) | Q(user=viewer)))


def lottery_open(event, now=None):
    return (
        event.registration_mode == RegistrationMode.LOTTERY
        and not LotteryDraw.objects.filter(event=event.canonical).exists()
        and (now or timezone.now()) < event.lottery_closes_at
    )


# --- Answering ------------------------------------------------------------------------------------------


def _locked(event):
    """The canonical event, re-read with its row locked until the transaction ends."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.canonical.pk)


def rsvp(user, event, response, *, show_name=True):
    """Record the member's answer and give, keep or release their seat. Returns the Registration.

    Going: a confirmed seat while there is room, the waitlist when full, an entry while a lottery is open.
    Maybe or not going: any seat is released and the first on the waitlist is promoted.
    """
    if response not in Response.values:
        raise ValidationError(_("Choose going, maybe or not going."))
    if not (permissions.is_member(user) and can_see_event(user, event)):
        raise PermissionDenied
    if event.is_past:
        raise ValidationError(_("This event is over: answers are closed."))
    ratelimit.check(user, "rsvp")
    with transaction.atomic():
        event = _locked(event)
        registration, _created = Registration.objects.select_for_update().get_or_create(
            event=event, user=user, defaults={"response": response}
        )
        registration.response = response
        registration.show_name = show_name
        promoted = []
        if response == Response.GOING:
            if registration.seat == Seat.NONE:
                _give_seat(event, registration)
        else:
            promoted = _release(event, registration)
        registration.save()
    _tell_promoted(event, promoted, after_party=False)
    return registration


def _give_seat(event, registration):
    now = timezone.now()
    if event.registration_mode == RegistrationMode.LOTTERY:
        drawn = LotteryDraw.objects.filter(event=event).exists()
        if not drawn and now < event.lottery_closes_at:
            registration.seat = Seat.ENTERED
            return
        if not drawn:  # between the deadline and the draw, a late answer must not jump ahead of the entrants
            raise ValidationError(
                _("Lottery entries are closed; the draw is being made. Try again after it.")
            )
    taken = Registration.objects.filter(event=event, seat=Seat.CONFIRMED).count()
    if event.capacity is None or taken < event.capacity:
        registration.seat = Seat.CONFIRMED
    else:
        registration.seat, registration.queued_at = Seat.WAITLISTED, now


def _release(event, registration):
    """Free the registration's seat and after-party place; returns the registrations promoted in their place."""
    had_seat = registration.seat == Seat.CONFIRMED
    had_party = registration.after_party == Seat.CONFIRMED
    registration.seat, registration.queued_at = Seat.NONE, None
    registration.after_party, registration.after_party_queued_at = Seat.NONE, None
    registration.save()
    promoted = promote_waitlist(event) if had_seat else []
    if had_party:
        _tell_promoted(event, promote_after_party_waitlist(event), after_party=True)
    return promoted


def release_seats(user):
    """Give up every seat the member holds at events still to come (before their account is deleted)."""
    upcoming = Registration.objects.filter(user=user, event__ends_at__gt=timezone.now()).exclude(
        seat=Seat.NONE
    )
    for registration in upcoming.select_related("event"):
        with transaction.atomic():
            event = _locked(registration.event)
            registration.refresh_from_db()
            promoted = _release(event, registration)
        _tell_promoted(event, promoted, after_party=False)


def promote_waitlist(event):
    """Confirm waitlisted members in order while there are free seats. Call inside a transaction holding the
    event's lock; returns the promoted registrations."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - Registration.objects.filter(event=event, seat=Seat.CONFIRMED).count()
        if free <= 0:
            return []
    waiting = Registration.objects.filter(event=event, seat=Seat.WAITLISTED).order_by("queued_at", "pk")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.seat, registration.queued_at = Seat.CONFIRMED, None
        registration.save(update_fields=["seat", "queued_at", "updated_at"])
    return promoted


def waitlist_position(registration):
    """1 for the first in line."""
    if registration.seat != Seat.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, seat=Seat.WAITLISTED).filter(
        Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def set_after_party(user, event, wanted):
    """Sign up for (or leave) the after-party, which has its own capacity and waitlist. Only for members going."""
    if not event.has_after_party:
        raise ValidationError(_("This event has no after-party."))
    if event.is_past:
        raise ValidationError(_("This event is over: answers are closed."))
    with transaction.atomic():
        event = _locked(event)
        registration = Registration.objects.select_for_update().filter(event=event, user=user).first()
        if registration is None or registration.seat == Seat.NONE:
            raise ValidationError(_("Answer “going” to the event first."))
        promoted = []
        if wanted and registration.after_party == Seat.NONE:
            taken = Registration.objects.filter(event=event, after_party=Seat.CONFIRMED).count()
            if event.after_party_capacity is None or taken < event.after_party_capacity:
                registration.after_party = Seat.CONFIRMED
            else:
                registration.after_party, registration.after_party_queued_at = Seat.WAITLISTED, timezone.now()
        elif not wanted and registration.after_party != Seat.NONE:
            had_place = registration.after_party == Seat.CONFIRMED
            registration.after_party, registration.after_party_queued_at = Seat.NONE, None
            registration.save()
            promoted = promote_after_party_waitlist(event) if had_place else []
        registration.save()
    _tell_promoted(event, promoted, after_party=True)
    return registration


def promote_after_party_waitlist(event):
    if event.after_party_capacity is None:
        free = None
    else:
        free = (
            event.after_party_capacity
            - Registration.objects.filter(event=event, after_party=Seat.CONFIRMED).count()
        )
        if free <= 0:
            return []
    waiting = Registration.objects.filter(event=event, after_party=Seat.WAITLISTED).order_by(
        "after_party_queued_at", "pk"
    )
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.after_party, registration.after_party_queued_at = Seat.CONFIRMED, None
        registration.save(update_fields=["after_party", "after_party_queued_at", "updated_at"])
    return promoted


def capacity_changed(event):
    """After an editor publishes a new capacity: promote whoever now fits (seats and after-party)."""
    if (
        event.registration_mode == RegistrationMode.LOTTERY
        and not LotteryDraw.objects.filter(event=event).exists()
    ):
        return
    with transaction.atomic():
        locked = _locked(event)
        promoted = promote_waitlist(locked)
        party = promote_after_party_waitlist(locked) if locked.has_after_party else []
    _tell_promoted(locked, promoted, after_party=False)
    _tell_promoted(locked, party, after_party=True)


# --- The lottery ----------------------------------------------------------------------------------------


def shuffled(entrants, seed):
    """The drawn order: `entrants` (user ids in registration order) shuffled by a generator seeded with `seed`.
    Deterministic, so anyone can check a draw from its record."""
    order = list(entrants)
    random.Random(seed).shuffle(order)  # noqa: S311 - fairness comes from the secret seed, recorded for audit
    return order


def draw_lottery(event, drawn_by=None, seed=None, now=None):
    """Draw the lottery once its entries have closed: the first `capacity` in the drawn order get a seat, the
    others go on the waitlist in drawn order. Returns the LotteryDraw (the existing one if already drawn)."""
    now = now or timezone.now()
    if event.registration_mode != RegistrationMode.LOTTERY:
        raise ValidationError(_("This event has no lottery."))
    if now < event.lottery_closes_at:
        raise ValidationError(_("Entries are still open: the draw is made when they close."))
    with transaction.atomic():
        event = _locked(event)
        existing = LotteryDraw.objects.filter(event=event).first()
        if existing is not None:
            return existing
        entries = list(
            Registration.objects.select_for_update().filter(event=event, seat=Seat.ENTERED).order_by("pk")
        )
        by_user = {entry.user_id: entry for entry in entries}
        entrants = [entry.user_id for entry in entries]
        seed = seed or secrets.token_hex(16)
        order = shuffled(entrants, seed)
        seats = event.capacity - Registration.objects.filter(event=event, seat=Seat.CONFIRMED).count()
        seats = max(seats, 0)
        for position, user_id in enumerate(order):
            entry = by_user[user_id]
            if position < seats:
                entry.seat, entry.queued_at = Seat.CONFIRMED, None
            else:
                entry.seat, entry.queued_at = Seat.WAITLISTED, now + timedelta(microseconds=position)
            entry.save(update_fields=["seat", "queued_at", "updated_at"])
        draw = LotteryDraw.objects.create(
            event=event, seed=seed, entrants=entrants, order=order, seats=seats, drawn_by=drawn_by
        )
        winners = [by_user[user_id] for user_id in order[:seats]]
        others = [by_user[user_id] for user_id in order[seats:]]
    transaction.on_commit(lambda: _tell_drawn(event, winners, others))
    return draw


def due_lotteries(now=None):
    now = now or timezone.now()
    return EventPage.objects.live().filter(
        registration_mode=RegistrationMode.LOTTERY, lottery_closes_at__lte=now, draw__isnull=True
    )


def verify_draw(draw):
    """Does the recorded order follow from the recorded seed and entrants?"""
    return shuffled(draw.entrants, draw.seed) == draw.order


# --- Telling members ---------------------------------------------------------------------------------------


def _notify(registration, event, key, text):
    from .notifications import notify

    transaction.on_commit(
        lambda: notify(registration.user, Kind.EVENT, f"{key}:{registration.pk}", text, event.get_url() or "")
    )


def _tell_promoted(event, registrations, after_party):
    title = event.title
    for registration in registrations:
        if after_party:
            key = f"event-party-promoted:{event.pk}:{registration.updated_at.timestamp():.0f}"
            _notify(
                registration,
                event,
                key,
                lambda: _("A place at the after-party of “%(title)s” is yours") % {"title": title},
            )
        else:
            key = f"event-promoted:{event.pk}:{registration.updated_at.timestamp():.0f}"
            _notify(
                registration,
                event,
                key,
                lambda: _("A seat opened up: you are now attending “%(title)s”") % {"title": title},
            )


def _tell_drawn(event, winners, others):
    from .notifications import notify

    url = event.get_url() or ""
    for registration in winners:
        notify(
            registration.user,
            Kind.EVENT,
            f"event-drawn:{event.pk}:{registration.pk}",
            lambda: _("You won a seat in the lottery for “%(title)s”") % {"title": event.title},
            url,
        )
    for position, registration in enumerate(others, start=1):
        notify(
            registration.user,
            Kind.EVENT,
            f"event-drawn:{event.pk}:{registration.pk}",
            lambda position=position: (
                _("The lottery for “%(title)s” is drawn: you are number %(n)d on the waitlist")
                % {"title": event.title, "n": position}
            ),
            url,
        )


def send_reminders(now=None):
    """Remind confirmed attendees of events starting within a day. Safe to run every hour: each attendee is
    reminded once per start time (a moved event is reminded again). Returns the number of reminders."""
    from .notifications import notify_many

    now = now or timezone.now()
    sent = 0
    upcoming = EventPage.objects.live().filter(starts_at__gt=now, starts_at__lte=now + REMINDER_WINDOW)
    for event in upcoming.select_related("group"):
        if event.canonical.pk != event.pk:
            continue  # a translation: its attendees are the original's
        attendees = [
            registration.user
            for registration in Registration.objects.filter(event=event, seat=Seat.CONFIRMED).select_related(
                "user"
            )
            if can_see_event(registration.user, event)
        ]
        start = event.local_start
        sent += notify_many(
            attendees,
            Kind.EVENT,
            f"event-reminder:{event.pk}:{event.starts_at:%Y%m%d%H%M}",
            lambda event=event, start=start: (
                _("Tomorrow: “%(title)s” starts at %(time)s")
                % {"title": event.title, "time": start.strftime("%Y-%m-%d %H:%M")}
            ),
            event.get_url() or "",
        )
    return sent


# --- Calendar feeds --------------------------------------------------------------------------------------


def calendar_token_for(user):
    token = CalendarToken.objects.filter(user=user).values_list("token", flat=True).first()
    return token or revoke_calendar_token(user)


def revoke_calendar_token(user):
    """Give the member a new feed address; the old one stops working at once."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(user=user, defaults={"token": token})
    return token


def user_for_calendar_token(token):
    found = CalendarToken.objects.filter(token=token).select_related("user").first()
    if found is None or not permissions.is_member(found.user):
        return None
    return found.user


def my_events(user):
    """The events a member answered "going" to (confirmed, waitlisted or entered) and may still see."""
    events = visible_events_for(user).filter(
        registrations__user=user, registrations__seat__in=[Seat.CONFIRMED, Seat.WAITLISTED, Seat.ENTERED]
    )
    return events.order_by("starts_at").distinct()


# --- Creating events from the site ------------------------------------------------------------------------


def index_for(locale):
    return (
        EventIndexPage.objects.live().filter(locale=locale).first() or EventIndexPage.objects.live().first()
    )


def create_group_event(user, group, event, locale):
    """Publish a group's event from the site, under the events index, as the moderator who wrote it."""
    if not can_create_group_event(user, group):
        raise PermissionDenied
    index = index_for(locale)
    if index is None:
        raise ValidationError(_("Events are not set up on this site yet: ask the secretariat."))
    event.audience, event.group, event.owner = Audience.GROUP, group, user
    event.full_clean(exclude=["path", "depth", "url_path", "draft_title", "slug"])
    with transaction.atomic():
        index.add_child(instance=event)
        # Our rules allowed it; Wagtail's page permissions are for the admin, where moderators have none.
        event.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return event


def update_event(user, event):
    """Save an organiser's changes from the site as a new published revision."""
    if not is_organiser(user, event):
        raise PermissionDenied
    event.full_clean(exclude=["path", "depth", "url_path", "draft_title", "slug"])
    with transaction.atomic():
        # page_published promotes whoever now fits
        event.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return event
