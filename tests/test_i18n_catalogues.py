"""The committed translation catalogues are complete, not fuzzy, and their .mo files match the .po files."""

from pathlib import Path

from django.conf import settings

import polib
import pytest

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def catalogue(language, suffix):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"django.{suffix}"


def live_entries(po):
    return [entry for entry in po if not entry.obsolete]


def message_pairs(entries):
    """What gettext looks up: (context, msgid, plural msgid) → translation(s)."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        )
        for entry in entries
    }


@pytest.fixture(params=LANGUAGES)
def po_path(request):
    path = catalogue(request.param, "po")
    assert path.is_file(), f"{path} is missing: run makemessages -l {request.param} and commit the catalogue"
    return path


def test_catalogue_is_not_empty(po_path):
    assert live_entries(polib.pofile(str(po_path))), f"{po_path} has no messages"


def test_every_message_is_translated(po_path):
    missing = []
    for entry in live_entries(polib.pofile(str(po_path))):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        if not all(text.strip() for text in translations):
            missing.append(entry.msgid)
    assert not missing, f"{po_path}: {len(missing)} untranslated: {missing[:20]}"


def test_no_message_is_fuzzy(po_path):
    fuzzy = [entry.msgid for entry in live_entries(polib.pofile(str(po_path))) if entry.fuzzy]
    assert not fuzzy, f"{po_path}: {len(fuzzy)} fuzzy: {fuzzy[:20]}"


def test_placeholders_survive_translation(po_path):
    """A translation that drops or renames %(name)s or {name} breaks at runtime."""
    import re

    placeholder = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
    broken = []
    for entry in live_entries(polib.pofile(str(po_path))):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wanted = set(placeholder.findall(entry.msgid))
        for text in translations:
            if text and set(placeholder.findall(text)) != wanted:
                broken.append((entry.msgid, text))
    assert not broken, f"{po_path}: placeholders differ: {broken[:10]}"


def test_committed_mo_matches_the_po(po_path, tmp_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path} is missing: run `manage.py compile_catalogues` and commit it"
    fresh = tmp_path / "django.mo"
    polib.pofile(str(po_path)).save_as_mofile(str(fresh))
    committed_pairs = message_pairs(polib.mofile(str(mo_path)))
    fresh_pairs = message_pairs(polib.mofile(str(fresh)))
    stale = set(committed_pairs.keys() ^ fresh_pairs.keys()) | {
        key for key in committed_pairs.keys() & fresh_pairs.keys() if committed_pairs[key] != fresh_pairs[key]
    }
    examples = sorted(stale, key=str)[:5]
    assert not stale, (
        f"{mo_path} is out of date with {po_path.name} for {len(stale)} messages, e.g. {examples}"
    )
