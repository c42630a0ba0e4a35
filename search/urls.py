from django.urls import path

from .views import site_search_view

urlpatterns = [path("search/", site_search_view, name="search")]
