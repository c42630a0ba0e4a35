"""Who a profile field is shown to. The rules that use these live in community/permissions.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    MEMBERS = "members", _("All members")
    ALUMNI = "alumni", _("Alumni only")
    EMPLOYEES = "employees", _("Current employees only")
    PRIVATE = "private", _("Only me (and the secretariat)")


class MemberKind(models.TextChoices):
    ALUMNI = "alumni", _("Alumni")
    EMPLOYEE = "employee", _("Current employee")
    SECRETARIAT = "secretariat", _("Secretariat")


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant (not yet approved)")
    MEMBER = "member", _("Member")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class OpenTo(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    COLLABORATION = "collaboration", _("Business collaboration")
    SPEAKING = "speaking", _("Speaking at events")
    HIRING = "hiring", _("Hiring")
    SIDE_JOBS = "side_jobs", _("Side jobs")
    COFFEE = "coffee", _("Casual coffee chat")
