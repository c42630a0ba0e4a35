"""Put the demo content into the database: images, the Japanese and English page trees, and demo accounts.

Everything is looked up before it is made (pages by slug under their parent or as the translation of their
Japanese page, images by title, accounts by e-mail), so seeding twice adds nothing. Existing pages are left
as they are unless `refresh` is set; then they get the demo content again as a new published revision.
Pages are published through revisions, as an editor would, so the admin shows a normal history.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Locale, Site

from community.demo import mark_email_verified
from home.models import HomePage, HomePageFeaturedStory
from stories.models import (
    STORY_KINDS,
    CollaborationPage,
    EventReportGalleryImage,
    EventReportPage,
    StoryIndexPage,
    StoryPerson,
)

from . import site
from .images import IMAGES, IMAGES_BY_KEY, ensure_image
from .spec import image_keys, resolve_images
from .stories import FEATURED, STORIES

EDITOR_EMAIL = "editor@tsunagari.example"
EDITOR_PASSWORD = "tsunagari-demo-editor"  # noqa: S105 - a documented demo account, never created in production
ADMIN_EMAIL = "admin@tsunagari.example"
ADMIN_PASSWORD = "tsunagari-demo-admin"  # noqa: S105
EDITORS_GROUP = "Editors"


class DemoSeeder:
    def __init__(self, log=print, refresh=False):
        self.log = log
        self.refresh = refresh
        self.counts = Counter()
        self.images = {}
        self.admin = None

    def run(self):
        """Seed everything; returns a Counter of what was created, updated and kept."""
        self.ja = Locale.objects.get_or_create(language_code="ja")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]

        self.seed_accounts()
        self.seed_images()

        home = self.japanese_home()
        index = self.seed_index(home)
        stories = {spec.slug: self.seed_story(index, spec) for spec in STORIES}
        self.fill_home(home, "ja", [stories[slug] for slug in FEATURED])

        # The English tree is made by Wagtail's translation API, which puts each copy under the translation
        # of its parent: home-en under the root, then /en/stories/ and the stories under it.
        en_home = self.translation_of(home, "home page")
        self.translate_index(index)
        en_stories = {
            spec.slug: self.translate_story(stories[spec.slug], spec) for spec in STORIES if spec.en
        }
        self.fill_home(en_home, "en", [en_stories[slug] for slug in FEATURED if slug in en_stories])
        return self.counts

    # --- accounts --------------------------------------------------------------------------------------

    def seed_accounts(self):
        User = get_user_model()
        self.admin = User.objects.filter(email__iexact=ADMIN_EMAIL).first()
        if self.admin is None:
            self.admin = User.objects.create_superuser(
                email=ADMIN_EMAIL, password=ADMIN_PASSWORD, first_name="管理者", last_name="デモ"
            )
            self._count("account", created=True, label=ADMIN_EMAIL)
        else:
            self._count("account", created=False, label=ADMIN_EMAIL)

        editor = User.objects.filter(email__iexact=EDITOR_EMAIL).first()
        created = editor is None
        if created:
            editor = User.objects.create_user(
                email=EDITOR_EMAIL, password=EDITOR_PASSWORD, first_name="編集者", last_name="デモ"
            )
        editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
        editor.groups.add(editors)
        # Both log in through allauth (the admin's own form is closed), which wants a verified address; the
        # admin then asks them to set up an authenticator app on first visit (docs/production.md).
        for account in (self.admin, editor):
            mark_email_verified(account)
        self._count("account", created=created, label=f"{EDITOR_EMAIL} ({EDITORS_GROUP})")

    # --- images ----------------------------------------------------------------------------------------

    def seed_images(self):
        for number, spec in enumerate(IMAGES, start=1):
            image, created = ensure_image(spec)
            self.images[spec.key] = image
            self.counts["image created" if created else "image kept"] += 1
            if created and (number % 10 == 0 or number == len(IMAGES)):
                self.log(f"  images: {number}/{len(IMAGES)} drawn or found")
        self.log(f"Images: {self.counts['image created']} drawn, {self.counts['image kept']} already there")

    def image(self, key):
        if key not in self.images:
            self.images[key], _ = ensure_image(IMAGES_BY_KEY[key])
        return self.images[key]

    def stream(self, raw):
        return resolve_images(raw, lambda key: self.image(key).pk)

    # --- pages -----------------------------------------------------------------------------------------

    @staticmethod
    def fresh(page):
        """The page as stored now. Pages are re-read before an edit: the translation API adds children through
        its own copy of the parent, and publishing a stale copy would write back an old child count."""
        return page.specific_class.objects.get(pk=page.pk)

    def publish(self, page):
        """Publish `page` through a revision, as an editor would; returns the page as now stored."""
        revision = page.save_revision(user=self.admin, log_action=True)
        revision.publish(user=self.admin)
        return self.fresh(page)

    def japanese_home(self):
        site_obj = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site_obj.root_page.specific if site_obj else None
        if not isinstance(home, HomePage):
            home = HomePage.objects.filter(locale=self.ja, depth=2).first()
        if home is None:
            raise RuntimeError("No Japanese HomePage: run `manage.py migrate` first (home/migrations/0003).")
        return home

    def fill_home(self, home, language, featured):
        words = site.HOME[language]
        done = home.hero_image_id and home.featured_stories.exists() and home.live
        if done and not self.refresh:
            self._count("page", created=False, label=f"home page ({language})")
            return home
        home = self.fresh(home)
        for field, value in words.items():
            setattr(home, field, value)
        home.hero_image = self.image("home-hero")
        home.featured_stories = [HomePageFeaturedStory(story=story) for story in featured]
        home = self.publish(home)
        self._count(
            "page", created=False, updated=True, label=f"home page ({language}) with {len(featured)} featured"
        )
        return home

    def translation_of(self, page, label):
        """The English translation of a Japanese page, copied with Wagtail's translation API if missing."""
        translation = page.get_translation_or_none(self.en)
        if translation is None:
            translation = page.copy_for_translation(self.en, copy_parents=True)
            self.log(f"  copied {label} for translation → /{translation.slug}/ (English)")
        return translation.specific

    def seed_index(self, home):
        """The Japanese story index, /stories/."""
        index = home.get_children().filter(slug="stories").first()
        created = index is None
        if created:
            index = StoryIndexPage(slug="stories", title=site.STORY_INDEX["ja"]["title"], live=False)
            home.add_child(instance=index)
        return self._fill_index(index, "ja", created)

    def translate_index(self, japanese_index):
        """The English story index, /en/stories/."""
        created = japanese_index.get_translation_or_none(self.en) is None
        return self._fill_index(self.translation_of(japanese_index, "story index"), "en", created)

    def _fill_index(self, index, language, created):
        index = self.fresh(index)
        if not created and index.live and not self.refresh:
            self._count("page", created=False, label=f"story index ({language})")
            return index
        words = site.STORY_INDEX[language]
        index.title = words["title"]
        index.slug = "stories"
        index.intro = words["intro"]
        index.search_description = words["search_description"]
        index.show_in_menus = True
        index = self.publish(index)
        self._count("page", created=created, updated=not created, label=f"story index ({language})")
        return index

    def seed_story(self, index, spec):
        model = STORY_KINDS[spec.kind]
        page = index.get_children().filter(slug=spec.slug).first()
        if page is not None and not self.refresh:
            self._count("page", created=False, label=f"story {spec.slug}")
            return page.specific
        created = page is None
        page = model(slug=spec.slug, live=False) if created else self.fresh(page)
        self.apply_story(page, spec, "ja")
        if created:
            index.add_child(instance=page)
        page = self.publish(page)
        self._count(
            "page", created=created, updated=not created, label=f"story {spec.slug} ({spec.ja.title[:24]}…)"
        )
        return page

    def translate_story(self, japanese, spec):
        """The English version of a story, copied by the translation API under the English index."""
        existing = japanese.get_translation_or_none(self.en)
        if existing is not None and not self.refresh:
            self._count("page", created=False, label=f"story {spec.slug} (en)")
            return existing.specific
        created = existing is None
        if created:
            existing = japanese.copy_for_translation(self.en, copy_parents=True)
        page = self.fresh(existing)
        self.apply_story(page, spec, "en")
        page = self.publish(page)
        self._count("page", created=created, updated=not created, label=f"story {spec.slug} (en)")
        return page

    def apply_story(self, page, spec, language):
        """Set every field of a story page from its spec, in one language."""
        text = spec.en if language == "en" else spec.ja
        english = language == "en"
        page.title = text.title
        page.slug = spec.slug
        page.intro = text.intro
        page.search_description = text.search_description
        page.published_date = spec.published_date
        page.hero_image = self.image(spec.hero)
        page.body = self.stream(text.body)
        page.tags.set(list(text.tags))
        page.people = [
            StoryPerson(
                role=person.role,
                name=(person.name_en or person.name) if english else person.name,
                title=(person.title_en or person.title) if english else person.title,
                photo=self.image(person.photo) if person.photo else None,
            )
            for person in spec.people
        ]
        if isinstance(page, EventReportPage):
            page.event_date = spec.event_date
            page.is_online = spec.is_online
            page.venue = text.venue
            page.gallery_images = [
                EventReportGalleryImage(
                    image=self.image(item.image),
                    caption=(item.caption_en or item.caption) if english else item.caption,
                )
                for item in spec.gallery
            ]
        if isinstance(page, CollaborationPage):
            page.partner_organisation = text.partner_organisation
            page.partner_url = spec.partner_url
            page.links = text.links

    # --- reporting -------------------------------------------------------------------------------------

    def _count(self, kind, created, label, updated=False):
        state = "created" if created else "updated" if updated else "kept"
        self.counts[f"{kind} {state}"] += 1
        self.log(f"  {kind} {state}: {label}")


def all_image_keys():
    """Every image key the stories use (checked by the seed command before it starts)."""
    keys = set()
    for spec in STORIES:
        keys.add(spec.hero)
        keys.update(person.photo for person in spec.people if person.photo)
        keys.update(item.image for item in spec.gallery)
        for text in (spec.ja, spec.en):
            if text is not None:
                keys |= image_keys(text.body)
    return keys
