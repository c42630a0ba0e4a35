"""What the search tests share: entries for everything, and the ids one tab finds."""

from search.entries import all_ids, reindex
from search.models import Kind
from search.service import site_search


def index_everything():
    for kind in Kind.values:
        for pk in all_ids(kind):
            reindex(kind, pk)


def found(user, text, kind):
    return [hit.object_id for hit in site_search(user, text).hits.get(kind, [])]
