"""Community models, one module per idea."""

from .audit import AuditEntry
from .groups import Group, GroupMembership
from .members import User
from .membership import Application
from .moderation import Report
from .posts import Post
from .profiles import ExpertiseTag, OrgUnit, Profile
from .reactions import Reaction

__all__ = [
    "Application", "AuditEntry", "ExpertiseTag", "Group", "GroupMembership", "OrgUnit", "Post", "Profile",
    "Reaction", "Report", "User",
]
