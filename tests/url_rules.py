"""The URL configuration as a flat list of patterns, and the matching of patterns to the rules of the
authorisation matrix (tests/test_authorisation_matrix.py).

A pattern is known by its full route (the routes of the includes above it joined, as `str(pattern)` spells
them) and its qualified name (`namespace:name`, or "" when unnamed). A rule claims patterns either by
qualified name or by route prefix; every pattern must be claimed by exactly one rule.
"""

from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class UrlPattern:
    route: str
    name: str  # "namespace:name", or "" for an unnamed pattern
    view: str  # dotted path of the callback, for messages

    def __str__(self):
        return f"{self.route} (name {self.name or '-'}, view {self.view})"


def walk_urlpatterns(resolver=None, prefix="", namespaces=()):
    """Every URLPattern under `resolver` (the project's root resolver by default), includes followed."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk_urlpatterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else ""
            yield UrlPattern(prefix + str(entry.pattern), name, entry.lookup_str)


@dataclass(frozen=True)
class Claim:
    """Which patterns a rule answers for: by qualified name, or by route prefix minus some sub-prefixes and
    names (which other rules answer for)."""

    name: str = ""
    route_prefix: str = ""
    except_prefixes: tuple = field(default=())
    except_names: tuple = field(default=())

    def claims(self, pattern):
        if self.name:
            return pattern.name == self.name
        return (
            pattern.route.startswith(self.route_prefix)
            and not pattern.route.startswith(self.except_prefixes)
            and pattern.name not in self.except_names
        )


def by_name(name):
    return Claim(name=name)


def by_prefix(route_prefix, except_prefixes=(), except_names=()):
    return Claim(
        route_prefix=route_prefix, except_prefixes=tuple(except_prefixes), except_names=tuple(except_names)
    )


def claim_problems(patterns, rules):
    """Messages for every pattern no rule claims or several rules claim; empty when the table is complete.

    `rules` is a sequence of objects with a `claim` attribute (a Claim) and a `label`.
    """
    problems = []
    for pattern in patterns:
        claimed_by = [rule.label for rule in rules if rule.claim.claims(pattern)]
        if not claimed_by:
            problems.append(f"no rule for {pattern}: add one to RULES in tests/test_authorisation_matrix.py")
        elif len(claimed_by) > 1:
            problems.append(f"{len(claimed_by)} rules claim {pattern}: {', '.join(claimed_by)}")
    return problems


def rule_for(pattern, rules):
    """The one rule that claims `pattern`, or None when none or several do (claim_problems() says which)."""
    claimed = [rule for rule in rules if rule.claim.claims(pattern)]
    return claimed[0] if len(claimed) == 1 else None
