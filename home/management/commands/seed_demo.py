"""`manage.py seed_demo`: fill the site with demo content for Hinata Foods' alumni community.

Creates (or finds and keeps):
- abstract illustrations drawn locally with Pillow, stored as images with Japanese alt text and a credit;
- the Japanese home page's hero, call to join and three featured stories;
- the story index (/stories/) and eight stories: four interviews, two event reports, two collaborations;
- English translations, made with Wagtail's translation API, of the home page, the index and four stories
  (/en/, /en/stories/...);
- a demo editor (editor@tsunagari.example, in the Editors group) and a demo superuser
  (admin@tsunagari.example);
- about 40 invented members with varied profiles and privacy choices, pending applications, a member, an
  applicant and a secretariat login (community/demo.py), and groups with posts, threads and reactions;
- two announcements from the secretariat: one published and pinned for two weeks, one scheduled;
- a few search synonyms (キャリフェス ↔ キャリアフェスティバル ↔ Career Festival, search/demo.py).

Running it again adds nothing; `--refresh` rewrites the demo pages as new published revisions. It refuses to
run with DEBUG off unless `--force` is given, so a production site never gets demo data by accident.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from community.demo import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    seed_announcements,
    seed_community,
    seed_ideas,
    seed_members,
)
from home.demo.events import seed_events
from home.demo.images import IMAGES_BY_KEY
from home.demo.seeder import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    EDITOR_EMAIL,
    EDITOR_PASSWORD,
    DemoSeeder,
    all_image_keys,
)
from search.demo import seed_synonyms


class Command(BaseCommand):
    help = "Fill the site with demo stories, images, English translations and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off (never on a production site).",
        )
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Write the demo content into existing demo pages again, as new published revisions.",
        )

    def handle(self, *args, force=False, refresh=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production site, so no demo data was written. "
                "Use --force if you really mean it (the test suite does)."
            )
        missing = sorted(all_image_keys() - IMAGES_BY_KEY.keys())
        if missing:
            raise CommandError(f"Demo stories name images that are not defined: {', '.join(missing)}")

        verbosity = options.get("verbosity", 1)

        def log(message):
            if verbosity >= 1:
                self.stdout.write(message)

        started = time.monotonic()
        log("Seeding demo content for Tsunagari…")
        with transaction.atomic():
            seeder = DemoSeeder(log=log, refresh=refresh)
            counts = seeder.run()
            log("Members, applicants and the community…")
            counts["members"] = seed_members(stdout=self.stdout if verbosity >= 1 else None)
            counts.update(seed_community(log=log))
            counts.update(seed_ideas(log=log))
            counts.update(seed_announcements(log=log))
            log("Events…")
            counts.update(seed_events(seeder, log=log))
            counts.update(seed_synonyms(log=log))
        elapsed = time.monotonic() - started

        summary = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items()))
        log(self.style.SUCCESS(f"Done in {elapsed:.1f} s ({summary})."))
        if counts["account created"]:
            log(
                f"Demo log-ins for /admin/: {ADMIN_EMAIL} / {ADMIN_PASSWORD} (superuser), "
                f"{EDITOR_EMAIL} / {EDITOR_PASSWORD} (Editors)."
            )
            log(
                "Demo log-ins for the site: "
                + ", ".join(f"{e} ({k})" for k, e in DEMO_LOGINS.items())
                + f", password {DEMO_PASSWORD}."
            )
