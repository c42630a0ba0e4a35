from django.urls import path

from search.views import directory

from .views import membership, profiles

urlpatterns = [
    path("join/", membership.join, name="join"),
    path("members/", directory, name="directory"),
    path("members/<slug:handle>/", profiles.profile_detail, name="profile"),
    path("me/", profiles.me, name="me"),
    path("me/export/", profiles.me_export, name="me_export"),
    path("me/delete/", profiles.me_delete, name="me_delete"),
]
