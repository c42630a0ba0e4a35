"""Announcements in the Wagtail admin: the form, and the views that publish on save and withdraw on delete.

Saving is the one way an announcement made in the admin gets published: the create and edit views save it and
call `announcements.announcement_saved()` in the same transaction (publish now if its time has come, update the
posts if it was already published). Scheduled ones are published by the `publish_due_announcements` task.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList

from wagtail_modeladmin.views import CreateView, DeleteView, EditView

from .announcements import announcement_saved, withdraw
from .models import Announcement, Group

# What publishing has already acted on: who was told, and whether by e-mail.
FIXED_ONCE_PUBLISHED = ("audience", "groups", "publish_at", "send_email")


class AnnouncementForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "groups" in self.fields:
            chosen = Q(pk__in=instance.groups.all()) if instance.pk else Q(pk__in=[])
            self.fields["groups"].queryset = Group.objects.filter(
                Q(status=Group.Status.ACTIVE) | chosen
            ).order_by("name")
        if instance.published_at is not None:
            for name in FIXED_ONCE_PUBLISHED:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Fixed once published.")

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == Announcement.Audience.GROUPS and not data.get("groups"):
            self.add_error("groups", _("Choose at least one group."))
        elif audience == Announcement.Audience.EVERYONE and self.instance.published_at is None:
            data["groups"] = Group.objects.none()
        pinned_until = data.get("pinned_until")
        starts = data.get("publish_at") or self.instance.published_at or timezone.now()
        if pinned_until and pinned_until <= starts and "pinned_until" in self.changed_data:
            self.add_error("pinned_until", _("The pin must end after the announcement is published."))
        return data


panels = ObjectList(
    [
        FieldPanel("title"),
        FieldPanel("body", widget=forms.Textarea(attrs={"rows": 8})),
        FieldPanel("audience", widget=forms.RadioSelect),
        FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("publish_at"),
        FieldPanel("pinned_until"),
        FieldPanel("send_email"),
    ],
    base_form_class=AnnouncementForm,
)


class PublishOnSave:
    """Save and publish (or update the published posts) in one transaction, then say what happened."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            outcome = announcement_saved(self.instance)
        if outcome == "published":
            messages.success(self.request, _("Published: it is now on top of the members' feeds."))
        elif outcome == "scheduled":
            when = date_format(timezone.localtime(self.instance.publish_at), "DATETIME_FORMAT")
            messages.info(self.request, _("Scheduled: it will be published at %(time)s.") % {"time": when})
        else:
            messages.info(self.request, _("Its posts were updated. Nobody is notified again."))
        return response


class AnnouncementCreateView(PublishOnSave, CreateView):
    def form_valid(self, form):
        form.instance.author = self.request.user
        return super().form_valid(form)


class AnnouncementEditView(PublishOnSave, EditView):
    pass


class AnnouncementDeleteView(DeleteView):
    def confirmation_message(self):
        return gettext_lazy(
            "Delete this announcement? Its posts disappear from the feeds, with their comments and reactions."
        )

    def delete_instance(self):
        withdraw(self.instance)
