"""Light formatting for what members write: a small Markdown subset, links made clickable, sanitised with nh3.

Every piece of member-written text that is shown as HTML goes through `render_member_text`.
"""

import html
import re

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
BARE_URL = re.compile(r"(?<![(\[])\b(https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?。、）」])")


def render_member_text(text):
    """HTML safe to show: Markdown subset (no images, no raw HTML), bare URLs linked, rel=nofollow ugc."""
    if not text:
        return ""
    # Raw HTML is shown as the text it is, never interpreted: escape first, then format.
    escaped = html.escape(text, quote=False)
    linked = BARE_URL.sub(r"[\1](\1)", escaped)
    rendered = markdown.markdown(linked, extensions=["nl2br"], output_format="html")
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
    )
