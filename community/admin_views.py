"""The secretariat's membership decisions in the Wagtail admin: one at a time, in bulk, and suspensions."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .audiences import MembershipStatus
from .membership import decide
from .models import Application, AuditEntry, Profile
from .sessions import end_all_sessions

DECIDE_PERMISSION = "community.change_application"
SUSPEND_PERMISSION = "community.change_profile"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve")), ("reject", gettext_lazy("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required when rejecting. The applicant receives it by e-mail."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the applicant a reason when rejecting."))
        return data


class NotesForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def decide_application(request, pk):
    """One application: read it, keep notes, approve or reject with a reason."""
    _require(request, DECIDE_PERMISSION)
    application = get_object_or_404(Application.objects.select_related("user", "decided_by"), pk=pk)
    form = DecisionForm(request.POST if "decision" in request.POST else None)
    notes_form = NotesForm(request.POST if "save_notes" in request.POST else None, instance=application)
    if request.method == "POST":
        if "save_notes" in request.POST and notes_form.is_valid():
            notes_form.save()
            messages.success(request, _("Notes saved."))
            return redirect("community_decide_application", pk=pk)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            if decide(application, approve=approve, actor=request.user, reason=form.cleaned_data["reason"]):
                messages.success(
                    request,
                    (_("%(name)s was approved.") if approve else _("%(name)s was rejected."))
                    % {"name": application.full_name},
                )
            else:
                messages.warning(request, _("This application had already been decided."))
            return redirect("community_application_queue")
    return render(
        request,
        "community/admin/decide_application.html",
        {"application": application, "form": form, "notes_form": notes_form},
    )


def application_queue(request):
    """Pending applications with search and filters; approve or reject many at once."""
    _require(request, DECIDE_PERMISSION)
    pending = Application.objects.filter(status=Application.Status.PENDING).select_related("user")
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    if q:
        pending = pending.filter(
            Q(full_name__icontains=q)
            | Q(name_kana__icontains=q)
            | Q(name_romaji__icontains=q)
            | Q(user__email__icontains=q)
            | Q(employee_number__icontains=q)
            | Q(departments__icontains=q)
        )
    if kind:
        pending = pending.filter(kind=kind)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("selected") if value.isdigit()]
        if not ids:
            messages.error(request, _("Select at least one application."))
        elif form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            decided = 0
            with transaction.atomic():
                for application in Application.objects.filter(pk__in=ids):
                    decided += decide(
                        application, approve=approve, actor=request.user, reason=form.cleaned_data["reason"]
                    )
            messages.success(
                request,
                ngettext("%(count)d application decided.", "%(count)d applications decided.", decided)
                % {"count": decided},
            )
            return redirect(
                reverse("community_application_queue")
                + ("?" + request.GET.urlencode() if request.GET else "")
            )
    return render(
        request,
        "community/admin/application_queue.html",
        {
            "applications": pending.order_by("created_at"),
            "form": form,
            "q": q,
            "kind": kind,
            "kinds": Application._meta.get_field("kind").choices,
        },
    )


class SuspensionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


def suspend_member(request, pk):
    """Suspend (or reinstate) a member, with a reason, recorded in the audit log."""
    _require(request, SUSPEND_PERMISSION)
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    suspending = profile.status != MembershipStatus.SUSPENDED
    form = SuspensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if suspending:
            profile.status = MembershipStatus.SUSPENDED
            action = AuditEntry.Action.SUSPEND
        else:
            profile.status = MembershipStatus.MEMBER
            action = AuditEntry.Action.REINSTATE
        with transaction.atomic():
            profile.save(update_fields=["status", "updated_at"])
            if suspending:
                end_all_sessions(profile.user)  # logged out on every device at their next request
            AuditEntry.record(request.user, action, profile, form.cleaned_data["reason"])
        messages.success(request, _("Saved."))
        return redirect("community_profile_modeladmin_index")
    return render(
        request,
        "community/admin/suspend_member.html",
        {"profile": profile, "form": form, "suspending": suspending},
    )


def handle_report(request, pk):
    """Hide, restore, remove or dismiss what a report is about (group moderators: only in their groups)."""
    from .models import Report
    from .moderation import can_handle, handle

    report = get_object_or_404(Report.objects.select_related("content_type", "group", "reporter"), pk=pk)
    if not request.user.has_perm("community.change_report") or not can_handle(request.user, report):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action", "")
        handle(report, action, request.user, request.POST.get("note", ""))
        messages.success(request, _("Done."))
        return redirect("community_report_modeladmin_index")
    target = report.content_type.model_class().objects.filter(pk=report.object_id).first()
    return render(request, "community/admin/handle_report.html", {"report": report, "target": target})


def decide_group(request, pk):
    """The secretariat approves or declines a proposed group."""
    from .groups import decide_group as decide_group_service
    from .models import Group
    from .permissions import is_secretariat

    if not is_secretariat(request.user):
        raise PermissionDenied
    group = get_object_or_404(Group, pk=pk, status=Group.Status.PROPOSED)
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        decide_group_service(group, approve, request.user, request.POST.get("reason", ""))
        messages.success(request, _("Saved."))
        return redirect("community_group_modeladmin_index")
    return render(request, "community/admin/decide_group.html", {"group": group})
