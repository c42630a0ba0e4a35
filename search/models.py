"""What the site search and the directory search look in: one tokenised entry per thing a viewer may find.

Stories, members, groups, posts, events and ideas are each copied here as tokenised text (search/tokeniser.py)
with the columns that decide who may find them (visibility, group, member variant). Every backend searches
these entries — Wagtail's database backend through `search_fields` (SQLite), PostgreSQL through the
generated `document` column (search/postgres.py), Elasticsearch through documents built
from the same rows (search/elastic.py) — and every backend applies the same viewer filter (search/access.py).
A member is entered once per audience variant, holding only the profile parts that audience may see, so a
hidden field can never be found.
"""

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class Kind(models.TextChoices):
    STORY = "story", "story"
    MEMBER = "member", "member"
    GROUP = "group", "group"
    POST = "post", "post"
    EVENT = "event", "event"
    IDEA = "idea", "idea"


class Visibility(models.TextChoices):
    PUBLIC = "public", "public"  # anyone, signed in or not
    MEMBERS = "members", "members"  # approved members
    GROUP = "group", "group"  # those who may read group_id


class Variant(models.TextChoices):
    """Which members' view of a profile the entry holds (profiles only)."""

    NONE = "", "-"
    ALUMNI = "alumni", "alumni"
    EMPLOYEES = "employees", "employees"
    ALL = "all", "all"  # the secretariat


def wagtail_indexes_entries():
    """Wagtail's own index of the entries serves the SQLite path only: on PostgreSQL each entry carries its
    own tsvector (`document`, migration 0002, searched by search/postgres.py), so nothing is written twice."""
    return connections["default"].vendor != "postgresql"


class SearchEntry(index.Indexed, models.Model):
    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    variant = models.CharField(max_length=10, choices=Variant.choices, default="", blank=True)
    visibility = models.CharField(max_length=8, choices=Visibility.choices)
    group_id = models.PositiveBigIntegerField(null=True, blank=True)
    group_private = models.BooleanField(default=False)
    language = models.CharField(max_length=8, blank=True, default="")
    family = models.CharField(max_length=40, blank=True, default="")  # a page's translation_key
    title = models.TextField(default="")  # tokenised
    body = models.TextField(default="")  # tokenised
    date = models.DateTimeField(db_index=True)

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("variant"),
        index.FilterField("visibility"),
        index.FilterField("group_id"),
        index.FilterField("group_private"),
        index.FilterField("language"),
        index.FilterField("family"),
        index.FilterField("date"),
        index.FilterField("object_id"),
    ]

    search_auto_update = wagtail_indexes_entries()

    class Meta:
        constraints = [
            # object_id first: no b-tree starts with the kind, so a search cannot read a kind's range of it instead
            # of its kind's GIN index (search/postgres.py), while lookups of one object's entries stay indexed.
            models.UniqueConstraint(fields=["object_id", "kind", "variant"], name="one_entry_per_variant")
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id}{f' ({self.variant})' if self.variant else ''}"

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects() if wagtail_indexes_entries() else cls.objects.none()


class Synonym(models.Model):
    """Terms that mean the same to a searcher (キャリフェス, キャリアフェスティバル, Career Festival), kept by
    the secretariat. Queries holding one term also look for the others (search/synonyms.py)."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Two or more words that mean the same, separated by commas or new lines, for example: "
            "キャリフェス, キャリアフェスティバル, Career Festival. A search for any of them also finds the others."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        ordering = ["pk"]

    def __str__(self):
        from .synonyms import split_terms  # here, not at import: it loads the tokeniser

        return " ↔ ".join(split_terms(self.terms))

    def clean(self):
        from .synonyms import validate_terms

        super().clean()
        try:
            validate_terms(self.terms)
        except ValidationError as error:
            raise ValidationError({"terms": error}) from None
