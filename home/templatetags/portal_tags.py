"""Template helpers shared by every page: navigation, language switch, canonical and alternate URLs."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.defaulttags import querystring
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from home import page_cache

register = template.Library()


def _site_frame(request):
    """{"home": the home page's URL, "nav": the menu} for this request's site and language.

    Every page header asks for them, so they are kept in the cache under the page cache's generation (which
    publishing, moving or restricting a page renews, home/page_cache_invalidation.py) and on the request.
    The menu holds plain values, never page objects: it is the same for every viewer of the language."""
    frame = getattr(request, "_portal_site_frame", None)
    if frame is not None:
        return frame
    key = None
    if page_cache.enabled():
        key = f"siteframe:{page_cache.request_generation(request)}:{request.get_host()}:{get_language()}"
        frame = cache.get(key)
    if frame is None:
        frame = _build_site_frame(request)
        if key is not None:
            cache.set(key, frame, settings.PAGE_CACHE_SECONDS)
    request._portal_site_frame = frame
    return frame


def _build_site_frame(request):
    site = Site.find_for_request(request)
    home = site.root_page.localized if site else None
    if home is None:
        return {"home": "/", "nav": []}
    menu = home.get_children().live().public().in_menu().specific()
    return {
        "home": home.get_url(request=request),
        "nav": [
            {
                "pk": page.pk,
                "url": page.get_url(request=request),
                "url_path": page.url_path,
                "title": page.title,
            }
            for page in menu
        ],
    }


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Pages the editors marked "show in menus", in the reader's language."""
    request = context.get("request")
    return _site_frame(request)["nav"] if request else []


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    return _site_frame(request)["home"] if request else "/"


@register.simple_tag(takes_context=True)
def language_links(context):
    """[(code, name, url, is_current)] for the language switch.

    On a page, each language links to that page's live translation (or to that language's home page when
    there is none); elsewhere to the same path under the other language prefix.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    translations = {}
    if isinstance(page, Page):
        translations = {
            t.locale.language_code: t
            for t in page.get_translations(inclusive=True).live().select_related("locale")
        }
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            target = translations.get(code)
            if target is None:
                site = Site.find_for_request(request)
                locale = Locale.objects.filter(language_code=code).first()
                target = site.root_page.get_translation_or_none(locale) if site and locale else None
            url = target.get_url(request=request) if target else "/"
        else:
            url = translate_url(request.get_full_path(), code) if request else "/"
        links.append((code, name, url, code == current))
    return links


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """hreflang alternates of the current page: [(language_code, absolute_url)]."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return []
    return [
        (t.locale.language_code, t.get_full_url(request=request))
        for t in page.get_translations(inclusive=True).live().select_related("locale")
    ]


@register.simple_tag(takes_context=True)
def page_querystring(context, param, number):
    """{% querystring %} for a pagination link whose parameter name is a variable ("page" unless a view uses
    another, e.g. "p" on Wagtail pages, where "page" would be confusing next to the page being served)."""
    return querystring(context, **{param or "page": number})
