"""The Wagtail admin needs a second factor: editors, moderators and the secretariat (everyone with the right
`wagtailadmin.access_admin`, superusers included) set up TOTP before their first admin page.

Every way in asks for that factor, because every log-in goes through django-allauth, whose login stages ask
anyone with an authenticator for a code. Wagtail's own password-only forms (`/admin/login/` and the
front-end `/_util/login/`) are replaced in `portal/urls.py` by `login_through_allauth`.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from allauth.mfa.utils import is_mfa_enabled

SETUP_MESSAGE = _(
    "The admin holds members' personal data, so it asks for a second factor. Set up an authenticator app "
    "now; from then on, logging in asks for its six-digit code. Then open the admin again."
)


def uses_admin(user):
    """Whether `user` may open the Wagtail admin: Editors, Moderators, the Secretariat group, superusers."""
    return bool(user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def needs_second_factor(user):
    """Whether `user` may use the admin but has no authenticator yet (a member who can't is never asked)."""
    return uses_admin(user) and not is_mfa_enabled(user)


def login_through_allauth(request):
    """Wagtail's own log-in forms check only a password: send them to allauth's, which asks for the code."""
    return redirect_to_login(request.GET.get("next") or reverse("wagtailadmin_home"))


class AdminSecondFactorMiddleware:
    """An admin user without an authenticator is sent from any admin page to the TOTP set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(reverse("wagtailadmin_home"))
            and request.path != reverse("wagtailadmin_logout")
            and needs_second_factor(request.user)
        ):
            messages.warning(request, SETUP_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)
