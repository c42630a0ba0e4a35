"""For the tests that check what post cards and comments write without the shared partials
(tests/community/test_post_cards.py, test_thread_page.py): authors in every state a byline shows
differently, and reaction bars rendered both ways."""

from django.template import RequestContext, Template

from community.audiences import Audience, MembershipStatus
from community.models import Profile
from tests.factories.members import member
from tests.factories.users import UserFactory


def write_as_every_author(alumna, viewer, write, states):
    """{state: write(user, state)} for each of `states`, written while every author is still an ordinary
    member, then each author put in their state:

    alumna (a photo members see), private (a photo only they see), suspended, without_profile (the profile
    deleted), staff (no profile at all), deleted (the account deleted), viewer (the one who reads)."""
    alumna.photo, alumna.photo_audience = "profiles/alumna.jpg", Audience.MEMBERS
    alumna.save()
    makers = {
        "alumna": lambda: alumna.user,
        "private": lambda: (
            member(handle="private", photo="profiles/private.jpg", photo_audience=Audience.PRIVATE).user
        ),
        "suspended": lambda: member(handle="suspended").user,
        "without_profile": lambda: member(handle="no-profile").user,
        "staff": lambda: UserFactory(is_staff=True, first_name="", last_name=""),
        "deleted": lambda: member(handle="deleted").user,
        "viewer": lambda: viewer.user,
    }
    authors = {state: makers[state]() for state in states}
    written = {state: write(user, state) for state, user in authors.items()}
    if "suspended" in authors:
        Profile.objects.filter(user=authors["suspended"]).update(status=MembershipStatus.SUSPENDED)
    if "without_profile" in authors:
        Profile.objects.filter(user=authors["without_profile"]).delete()
    if "deleted" in authors:
        authors["deleted"].delete()
    return written


def copied_and_included_bars(request, target_kind, bars):
    """[(what {% reaction_bar_html %} writes, what including partials/reactions.html writes)] for each bar
    (target_id, reactions, mine, scope), all rendered in one template as a page renders them."""
    context = {}
    source = "{% load community_tags %}"
    for n, (target_id, reactions, mine, scope) in enumerate(bars):
        context[f"r{n}"], context[f"m{n}"] = reactions, mine
        source += (
            f'{{% reaction_bar_html "{target_kind}" {target_id} r{n} m{n} "{scope}" %}}|'
            f'{{% include "community/partials/reactions.html" with target_kind="{target_kind}" '
            f'target_id={target_id} reactions=r{n} mine=m{n} scope="{scope}" %}}@@'
        )
    rendered = Template(source).render(RequestContext(request, context))
    return [tuple(part.split("|")) for part in rendered.split("@@")[:-1]]
