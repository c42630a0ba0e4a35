import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import EventPage, Registration

DATETIME_FIELDS = ("starts_at", "ends_at", "lottery_closes_at")


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    """A group's event, written by its moderators in the site. Times are read in the event's own time zone."""

    class Meta:
        model = EventPage
        fields = [
            "title",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "is_online",
            "venue_name",
            "venue_address",
            "map_url",
            "online_url",
            "capacity",
            "registration_mode",
            "lottery_closes_at",
            "has_after_party",
            "after_party_capacity",
            "after_party_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            **{name: LocalDateTimeInput() for name in DATETIME_FIELDS},
        }
        labels = {"title": _("Title")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # show the stored times as the organiser wrote them: in the event's zone
            zone = zoneinfo.ZoneInfo(self.instance.time_zone)
            for name in DATETIME_FIELDS:
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = zoneinfo.ZoneInfo(cleaned.get("time_zone") or "Asia/Tokyo")
        for name in DATETIME_FIELDS:
            value = cleaned.get(name)
            if value is not None:  # parsed in the site's zone: read the same wall-clock time in the event's
                cleaned[name] = timezone.make_naive(value).replace(tzinfo=zone)
        starts_at = cleaned.get("starts_at")
        if starts_at is not None and not self.instance.pk and starts_at <= timezone.now():
            self.add_error("starts_at", _("The start is in the past."))
        return cleaned

    def _post_clean(self):
        # A page's own clean() checks its slug against its siblings, which needs its place in the tree: a new
        # event has none until it is published (Page.save checks it then). Check the fields and the plan here.
        forms.models.construct_instance(self, self.instance, self._meta.fields)
        try:
            self.instance.clean_fields(exclude=self._get_validation_exclusions())
            self.instance.check_plan()
        except ValidationError as error:
            self._update_errors(error)


class RsvpForm(forms.Form):
    response = forms.ChoiceField(choices=Registration.Response.choices)
    show_name = forms.BooleanField(
        label=_("Show my name to the other attendees"), required=False, initial=True
    )
