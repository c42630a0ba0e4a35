"""Fragments that every viewer of a language sees alike, cached for logged-in pages too (docs/production.md).

`{% shared_fragment as fragment %}{% cache fragment.seconds "name" fragment.generation LANGUAGE_CODE … %}`:
the key holds the page cache's generation, so whatever empties the anonymous page cache renews these too,
and the time is the page cache's (0, nothing kept, when the page cache is off). Never put anything that
depends on the viewer (their name, counts, rights, a CSRF token) inside such a fragment.
"""

from django import template
from django.conf import settings

from home import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def shared_fragment(context):
    if not page_cache.enabled():
        return {"seconds": 0, "generation": 0}
    generation = page_cache.request_generation(context.get("request"))
    return {"seconds": settings.PAGE_CACHE_SECONDS, "generation": generation}
