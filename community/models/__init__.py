"""Community models, one module per idea."""

from .announcements import Announcement
from .audit import AuditEntry
from .events import CalendarToken, EventIndexPage, EventPage, EventSpeaker, LotteryDraw, Registration
from .groups import Group, GroupMembership
from .ideas import Idea, IdeaVote
from .members import User
from .membership import Application
from .messaging import Block, Conversation, Message, Participant
from .moderation import Report
from .notifications import Notification, NotificationPreference, OutboxEmail
from .posts import Post
from .profiles import ExpertiseTag, OrgUnit, Profile
from .reactions import Reaction
from .submissions import FormSubmission

__all__ = [
    "Announcement",
    "Application",
    "AuditEntry",
    "Block",
    "CalendarToken",
    "Conversation",
    "EventIndexPage",
    "EventPage",
    "EventSpeaker",
    "ExpertiseTag",
    "FormSubmission",
    "Group",
    "GroupMembership",
    "Idea",
    "IdeaVote",
    "LotteryDraw",
    "Message",
    "Notification",
    "NotificationPreference",
    "OrgUnit",
    "OutboxEmail",
    "Participant",
    "Post",
    "Profile",
    "Reaction",
    "Registration",
    "Report",
    "User",
]
