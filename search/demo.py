"""Demo synonyms for the embedded default (called by `manage.py seed_demo`; idempotent)."""

from .models import Synonym

DEMO_SYNONYMS = [
    "キャリフェス, キャリアフェスティバル, Career Festival",  # an abbreviation, and the English name
    "アルムナイ, alumni, OB・OG",
    "佐藤, サトウ",  # a name in kanji and its reading (さとう is folded to サトウ when compared)
]


def seed_synonyms(log=print):
    """Add the demo synonyms that are not there yet. Returns {"synonyms": how many there are}."""
    for terms in DEMO_SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)
    log(f"  search synonyms: {Synonym.objects.count()}")
    return {"synonyms": Synonym.objects.count()}
