"""What every public page needs for search engines and link previews."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class SeoMixin:
    """Pages using this expose `og_image` and get Wagtail's SEO fields in a clear promote panel.

    The meta tags themselves are rendered once, in templates/components/seo.html.
    """

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("Search engines and link previews"),
        ),
        FieldPanel("show_in_menus"),
    ]

    @property
    def og_image(self):
        return None

    @property
    def meta_description(self):
        return self.search_description or getattr(self, "intro", "") or getattr(self, "hero_lead", "")
