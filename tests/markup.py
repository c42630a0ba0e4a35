"""Reading rendered pages in tests: the <html lang>, <link> and <meta> tags, anchors."""

from html.parser import HTMLParser


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def tags(html, name):
    """Attribute dicts of every <name> start tag in `html`."""
    if isinstance(html, bytes):
        html = html.decode()
    collector = _TagCollector()
    collector.feed(html)
    return [attrs for tag, attrs in collector.tags if tag == name]


def html_lang(response):
    """The lang attribute of the page's <html> element."""
    found = tags(response.content, "html")
    assert found, "the response has no <html> element"
    return found[0].get("lang")


def links(response, rel):
    """<link rel=...> tags whose rel contains `rel`."""
    return [attrs for attrs in tags(response.content, "link") if rel in attrs.get("rel", "").split()]


def meta_content(response, prop):
    """content of <meta property=prop> or <meta name=prop>, or None."""
    for attrs in tags(response.content, "meta"):
        if prop in (attrs.get("property"), attrs.get("name")):
            return attrs.get("content")
    return None


def hrefs(response):
    return [attrs.get("href", "") for attrs in tags(response.content, "a")]
