"""Headers Django does not set itself: the Content-Security-Policy (django-csp) and the Permissions-Policy."""

from django.conf import settings
from django.urls import reverse

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy under the Wagtail admin, plus Permissions-Policy.

    The site's policy (`CONTENT_SECURITY_POLICY`) allows no inline code. Wagtail's admin still needs some, and
    frames its own previews, so `CONTENT_SECURITY_POLICY_ADMIN` applies under the admin's URL prefix and to
    previews. A view's own `@csp`/`@csp_replace` decorator still wins over both.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and in_admin(request):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def in_admin(request):
    """Whether `request` is the admin's: under its URL prefix (read from the URLconf), or a page preview.

    Wagtail renders a preview by sending a made-up request for the page's own URL through the whole
    middleware stack (`is_dummy`); the admin then shows the result in a frame, so it needs the admin's policy.
    """
    return getattr(request, "is_dummy", False) or request.path_info.startswith(reverse("wagtailadmin_home"))
