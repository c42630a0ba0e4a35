"""Static files as production ships them: hashed names, gzip and Brotli copies, cached for a year by browsers."""

import json
import os
import subprocess
import sys

from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

import pytest

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic of our own static/ folder (not Wagtail's admin files, to stay fast) with production storage."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_production_settings_serve_static_files_through_whitenoise_manifest_storage():
    """Read from a fresh process: the test settings replace the storage in the shared STORAGES dict."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "tsunagari.example",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.STORAGES['staticfiles']['BACKEND']); print('whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [MANIFEST_STORAGE, "True"]


def test_collectstatic_writes_hashed_gzip_and_brotli_files(collected):
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"]["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    for suffix in ("", ".gz", ".br"):
        assert (collected / (hashed + suffix)).is_file(), hashed + suffix


@pytest.mark.django_db
def test_hashed_files_are_served_immutable_for_a_year(collected):
    hashed = json.loads((collected / "staticfiles.json").read_text())["paths"]["css/site.css"]
    response = Client().get("/static/" + hashed, HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
