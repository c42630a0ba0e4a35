"""Community models, one module per idea."""

from .audit import AuditEntry
from .groups import Group, GroupMembership
from .members import User
from .membership import Application
from .messaging import Block, Conversation, Message, Participant
from .moderation import Report
from .notifications import Notification, NotificationPreference, OutboxEmail
from .posts import Post
from .profiles import ExpertiseTag, OrgUnit, Profile
from .reactions import Reaction

__all__ = [
    "Application",
    "AuditEntry",
    "Block",
    "Conversation",
    "ExpertiseTag",
    "Group",
    "GroupMembership",
    "Message",
    "Notification",
    "NotificationPreference",
    "OrgUnit",
    "OutboxEmail",
    "Participant",
    "Post",
    "Profile",
    "Reaction",
    "Report",
    "User",
]
