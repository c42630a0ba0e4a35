"""Rebuild the site search: every object's search entries, then the configured backend's index.

    manage.py search_index            # how many entries of each kind there are, and which backend is in use
    manage.py search_index --rebuild  # re-make every entry from its object, then rebuild the backend's index

Run `--rebuild` after the first deploy with Elasticsearch, after a database restore, after changing the search
backend or the tokeniser, and whenever the index may have missed changes (a long Elasticsearch outage). It is
safe while the site runs: entries are replaced object by object, and Elasticsearch gets a new index that an
alias switches to in one step. Day-to-day changes don't need it: they are re-indexed by Celery tasks.
"""

import time

from django.core.management.base import BaseCommand

from search import backends
from search.entries import MEMBER_ENTRIES, all_ids, reindex
from search.models import Kind, SearchEntry

PROGRESS_EVERY = 200


class Command(BaseCommand):
    help = "Show the search entries per kind, or rebuild them and the search backend's index (--rebuild)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Re-make every object's search entries, then rebuild the search backend's index.",
        )

    def handle(self, *args, rebuild=False, **options):
        backend = backends.current()
        if not rebuild:
            for kind in Kind:
                count = SearchEntry.objects.filter(kind=kind).count()
                self.stdout.write(f"{kind.value}: {count} entries")
            self.stdout.write(
                f"backend: {backend.name}. Pass --rebuild to rebuild the entries and the index."
            )
            return
        started = time.monotonic()
        objects = entries = 0
        for kind in Kind:
            ids = list(all_ids(kind))
            # Objects that still have entries but are no longer candidates (deleted, unpublished): emptied too.
            known = set(ids)
            stale = sorted(
                set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True)) - known
            )
            todo = ids + stale
            for done, pk in enumerate(todo, start=1):
                entries += reindex(kind, pk)
                if done % PROGRESS_EVERY == 0:
                    self.stdout.write(f"  {kind.value}: {done}/{len(todo)}")
            objects += len(todo)
            self.stdout.write(
                f"{kind.value}: {len(todo)} objects, {SearchEntry.objects.filter(kind=kind).count()} entries"
            )
        self.stdout.write(
            f"Rebuilt {entries} entries for {objects} objects in {time.monotonic() - started:.1f} s."
        )
        self.stdout.write(f"Rebuilding the {backend.name} index…")
        backend.rebuild(log=self.stdout.write)
        MEMBER_ENTRIES.bump()  # the backend's index is whole again: no member search kept from before
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt in {time.monotonic() - started:.1f} s."))
