"""Community models, one module per idea."""

from .audit import AuditEntry
from .members import User
from .membership import Application
from .profiles import ExpertiseTag, OrgUnit, Profile

__all__ = ["Application", "AuditEntry", "ExpertiseTag", "OrgUnit", "Profile", "User"]
