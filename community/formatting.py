"""Light formatting for what members write: a small Markdown subset, links made clickable, sanitised with nh3.

Every piece of member-written text that is shown as HTML goes through `render_member_text`.
"""

import html
import re
import threading

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
_local = threading.local()
BARE_URL = re.compile(r"(?<![(\[])\b(https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?。、）」])")


def _markdown():
    """This thread's Markdown converter. Building one loads its extensions (about three quarters of the cost
    of a short comment), and a converter keeps state while it works, so each thread reuses its own."""
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = markdown.Markdown(extensions=["nl2br"], output_format="html")
    return converter


def render_member_text(text):
    """HTML safe to show: Markdown subset (no images, no raw HTML), bare URLs linked, rel=nofollow ugc."""
    if not text:
        return ""
    # Raw HTML is shown as the text it is, never interpreted: escape first, then format.
    escaped = html.escape(text, quote=False)
    linked = BARE_URL.sub(r"[\1](\1)", escaped)
    rendered = _markdown().reset().convert(linked)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
    )
