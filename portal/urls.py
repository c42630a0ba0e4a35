from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.admin_mfa import login_through_allauth
from community.views.media import member_upload
from home.sitemaps import all_languages_sitemap
from home.views import healthz, robots_txt

handler500 = "portal.errors.server_error"  # a database outage answers 503 (portal/errors.py)

urlpatterns = [
    # In front of Wagtail's password-only form: log-ins ask for the second factor (community/admin_mfa.py).
    path("admin/login/", login_through_allauth),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", all_languages_sitemap, name="sitemap"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Members' uploads at their MEDIA_URL addresses, each request checked (community/views/media.py). Ahead of
    # static() below, which serves the rest of MEDIA_ROOT (Wagtail's images) with DEBUG on.
    re_path(r"^media/(?P<name>(?:posts|groups|profiles)/.+)$", member_upload, name="member_upload"),
]

if settings.BENCH_VIEWS:
    from portal.bench import bare

    urlpatterns.append(path("bench/bare/", bare))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Japanese (the default) has no prefix: /stories/ ; English lives under /en/stories/.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("", include("search.urls")),
    path("_util/login/", login_through_allauth),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
