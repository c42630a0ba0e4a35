"""RSS and Atom feeds of the latest stories in the index's language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class StoriesFeed(Feed):
    route_name = "feed"

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.seo_title or index_page.title

    # Absolute URLs from the Wagtail site, as in the sitemap and canonical links; left relative, Django would
    # prefix them with the django.contrib.sites domain (example.com).
    def link(self, index_page):
        return index_page.get_full_url(request=self.request)

    def feed_url(self, index_page):
        return self.link(index_page) + index_page.reverse_subpage(self.route_name).lstrip("/")

    def description(self, index_page):
        return index_page.intro

    def items(self, index_page):
        return index_page.stories()[:FEED_LENGTH]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return story.get_full_url(request=self.request)

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_categories(self, story):
        return [story.kind_label, *(tag.name for tag in story.tags.all())]


class StoriesAtomFeed(StoriesFeed):
    feed_type = Atom1Feed
    route_name = "atom_feed"
    subtitle = StoriesFeed.description
