"""URLs for the thread benchmark only: the site plus django-comments-xtd's stock views, which the stock tree
template links to. The site itself never mounts them (see tests/community/test_groups_and_posts.py)."""

from django.urls import include, path

from portal.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("comments/", include("django_comments_xtd.urls")), *site_urlpatterns]
