"""The embedded default for `make run`: everything on this machine, DEBUG on."""

from .base import *

DEBUG = True
INTERNAL_IPS = ["127.0.0.1"]
# No manifest needed while DEBUG serves static files from their folders.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
