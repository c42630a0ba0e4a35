"""Home page, the custom image model and site-wide settings."""

from .images import PortalImage, PortalRendition
from .pages import HomePage, HomePageFeaturedStory
from .site_settings import SiteSettings

__all__ = ["HomePage", "HomePageFeaturedStory", "PortalImage", "PortalRendition", "SiteSettings"]
