"""What a viewer is shown of a profile. Hidden parts are left out here, before any template sees them."""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from . import permissions
from .models.profiles import PRIVACY_PARTS


@dataclass
class ProfileView:
    """A profile as one viewer may see it. Attributes of hidden parts are simply absent (None/empty)."""

    profile: object
    parts: set = field(default_factory=set)
    values: dict = field(default_factory=dict)

    def __getattr__(self, name):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    @property
    def handle(self):
        return self.profile.handle

    @property
    def display_name(self):
        return self.profile.display_name

    @property
    def kind(self):
        return self.profile.kind

    def get_kind_display(self):
        return self.profile.get_kind_display()

    @property
    def is_supporter(self):
        return self.profile.is_supporter


def _part_values(profile, part):
    language = (get_language() or "ja")[:2]
    if part == "departments":
        return {"departments": [unit.label(language) for unit in profile.departments.all()]}
    if part == "sites":
        return {"sites": [unit.label(language) for unit in profile.sites.all()]}
    if part == "expertise":
        return {"expertise": [tag.name for tag in profile.expertise.all()]}
    if part == "open_to":
        return {"open_to": profile.open_to_labels()}
    if part == "photo":
        return {"photo": profile.photo if profile.photo else None}
    return {attribute: getattr(profile, attribute) for attribute in PRIVACY_PARTS[part][1]}


# What a member card (components/member_card.html, the directory) shows: only these are read for it, so a
# listing needs no query for sites or expertise.
CARD_PARTS = frozenset({"photo", "career_years", "departments", "work"})


def profile_view(viewer, profile, audiences=None, only=None):
    """The ProfileView of `profile` for `viewer` (audiences may be passed in when rendering many). With `only`
    (a set of parts, e.g. CARD_PARTS), the other parts are left empty as if hidden."""
    parts = permissions.visible_parts(viewer, profile, audiences)
    values = {"name_kana": profile.name_kana, "name_romaji": profile.name_romaji}
    for part in PRIVACY_PARTS:
        if part in parts and (only is None or part in only):
            values.update(_part_values(profile, part))
        else:
            values.update(dict.fromkeys(PRIVACY_PARTS[part][1]))
    return ProfileView(profile=profile, parts=parts, values=values)
