from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from . import receivers, unread, upload_files  # noqa: F401 - receivers connects the notification receivers

        unread.connect()
        upload_files.connect()
