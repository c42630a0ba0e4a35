"""RSS and Atom feeds of the latest stories in the index's language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class StoriesFeed(Feed):
    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.seo_title or index_page.title

    def link(self, index_page):
        return index_page.get_url(request=self.request)

    def description(self, index_page):
        return index_page.intro

    def items(self, index_page):
        return index_page.stories()[:FEED_LENGTH]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.intro

    def item_link(self, story):
        return story.get_url(request=self.request)

    def item_pubdate(self, story):
        return story.first_published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_categories(self, story):
        return [story.kind_label, *(tag.name for tag in story.tags.all())]


class StoriesAtomFeed(StoriesFeed):
    feed_type = Atom1Feed
    subtitle = StoriesFeed.description
