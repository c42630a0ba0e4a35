"""Community models, one module per idea."""

from .members import User

__all__ = ["User"]
