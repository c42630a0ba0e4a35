"""How demo content is described: plain data for stories and people, StreamField values as raw data.

Stream values are lists of {"type": ..., "value": ...} dicts, the shape Wagtail stores; images are named by
a key (`ImageRef`) and turned into image ids by the seeder once the pictures exist.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ImageRef:
    """A demo image by key (see home.demo.images.IMAGES), resolved to an id when the page is built."""

    key: str


@dataclass(frozen=True)
class Person:
    role: str
    name: str
    title: str
    photo: str = ""
    name_en: str = ""
    title_en: str = ""


@dataclass(frozen=True)
class Text:
    """One language's words for a story."""

    title: str
    intro: str
    body: list
    tags: tuple = ()
    search_description: str = ""
    venue: str = ""
    partner_organisation: str = ""
    links: list = field(default_factory=list)


@dataclass(frozen=True)
class GalleryImage:
    image: str
    caption: str
    caption_en: str = ""


@dataclass(frozen=True)
class Story:
    kind: str  # a key of stories.models.STORY_KINDS
    slug: str
    published_date: date
    hero: str
    ja: Text
    en: Text | None = None
    people: tuple = ()
    # Event reports
    event_date: date | None = None
    is_online: bool = False
    gallery: tuple = ()
    # Collaborations
    partner_url: str = ""


# --- StreamField raw data ----------------------------------------------------------------------------------


def _html(texts):
    return "".join(text if text.startswith("<") else f"<p>{text}</p>" for text in texts)


def paragraph(*texts):
    """Rich text: each argument is a paragraph, unless it is already HTML (a list, say)."""
    return {"type": "paragraph", "value": _html(texts)}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def pull_quote(quote, attribution=""):
    return {"type": "pull_quote", "value": {"quote": quote, "attribution": attribution}}


def image(key, caption="", wide=False):
    return {"type": "image", "value": {"image": ImageRef(key), "caption": caption, "wide": wide}}


def qa(question, *answers):
    """A question and its answers; each answer is (speaker, text) or (speaker, [paragraph, ...])."""
    items = []
    for speaker, text in answers:
        texts = [text] if isinstance(text, str) else text
        items.append({"speaker": speaker, "text": _html(texts)})
    return {"type": "question_answer", "value": {"question": question, "answers": items}}


def bullet_list(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def link(title, url, description=""):
    return {"type": "link", "value": {"title": title, "url": url, "description": description}}


def resolve_images(data, image_id):
    """A copy of raw stream data with every ImageRef replaced by image_id(key)."""
    if isinstance(data, ImageRef):
        return image_id(data.key)
    if isinstance(data, dict):
        return {key: resolve_images(value, image_id) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [resolve_images(item, image_id) for item in data]
    return data


def image_keys(data):
    """Every image key named in raw stream data."""
    if isinstance(data, ImageRef):
        return {data.key}
    if isinstance(data, dict):
        return set().union(*(image_keys(value) for value in data.values()))
    if isinstance(data, list | tuple):
        return set().union(*(image_keys(item) for item in data))
    return set()
