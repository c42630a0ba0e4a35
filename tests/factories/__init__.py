"""Factories for the test suite: users, images, pages, and helpers for the site's pages and translations."""

from .images import ImageFactory
from .pages import (
    CollaborationPageFactory,
    EventReportPageFactory,
    InterviewPageFactory,
    StoryIndexPageFactory,
    english_home_page,
    japanese_home_page,
    locale,
    translate_page,
)
from .users import UserFactory

__all__ = [
    "CollaborationPageFactory",
    "EventReportPageFactory",
    "ImageFactory",
    "InterviewPageFactory",
    "StoryIndexPageFactory",
    "UserFactory",
    "english_home_page",
    "japanese_home_page",
    "locale",
    "translate_page",
]
