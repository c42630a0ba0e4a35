"""Settings for the test suite: fast hashing, plain static storage, services from the environment."""

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# In-memory e-mail for the suite; CI's real Celery worker writes files the worker tests read (TEST_EMAIL_*).
EMAIL_BACKEND = env.str("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env.str("TEST_EMAIL_FILE_PATH", default=str(VAR_DIR / "test-mail"))
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests never share a cache with each other or with a running site.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# The anonymous page cache is off, so tests that change data without publishing see the change;
# tests/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
UNREAD_CACHE_SECONDS = 0
DIRECTORY_CACHE_SECONDS = 0
# Tasks run in-process in tests; the `worker` tests switch this off to reach the real worker at REDIS_URL.
CELERY_TASK_ALWAYS_EAGER = True
