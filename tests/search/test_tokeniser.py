"""The tokeniser (search/tokeniser.py): what the index holds and what a query asks for meet.

`finds(query, text)` is the rule every backend applies: each unit of the query must have one alternative whose
tokens are all among the text's index tokens.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from search.tokeniser import query_terms, tokenise


def tokens(text):
    return set(tokenise(text).split())


def finds(query, text):
    held = tokens(text)
    units = query_terms(query)
    return bool(units) and all(any(set(alternative) <= held for alternative in unit) for unit in units)


def test_an_inflected_verb_finds_its_noun():
    assert "転職" in tokens("転職しました")
    assert query_terms("転職しました") == [(("転職",),)]
    assert finds("転職しました", "転職して3年、ようやく落ち着いてきました。")
    assert finds("転職", "昨年、食品メーカーに転職しました")


def test_half_width_katakana_meets_full_width():
    assert tokens("ｱﾙﾑﾅｲ") == tokens("アルムナイ")
    assert finds("ｱﾙﾑﾅｲ", "アルムナイ・ネットワーク「つながり」")
    assert finds("アルムナイ", "ｱﾙﾑﾅｲ向けのイベント")
    assert finds("Ｓａｔｏ", "Misaki Sato") and finds("ｓａｔｏ", "SATO")


def test_a_name_with_a_particle_inside_is_one_token():
    assert "味の素" in tokens("味の素の工場を見学しました")
    assert "の" not in tokens("味の素の工場を見学しました")
    assert query_terms("味の素") == [(("味の素",),)]
    assert not finds("味の素", "味と素材にこだわる")


def test_hiragana_and_katakana_find_each_other():
    assert finds("さとう", "サトウ ハナコ")
    assert finds("サトウ", "さとう はなこ")
    assert finds("ポン酢", "ひだまり柚子ぽん酢")
    assert finds("ぽん酢", "柚子ポン酢")


def test_variant_kanji_are_folded():
    assert tokens("髙橋 翔太") == tokens("高橋 翔太")
    assert finds("髙橋", "高橋 健太") and finds("高橋", "髙橋 翔太")
    assert finds("渡邉", "渡辺 大輔") and finds("齋藤", "斎藤 美和")


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("managers", "She manages two managers"),
        ("manager", "Brand managers"),
        ("deliveries", "shared delivery of frozen food"),
        ("delivery", "When deliveries were giving me headaches"),
        ("running", "He runs a startup"),
        ("meetings", "a meeting every month"),
        ("startups", "a plant-based startup"),
        ("tastings", "The tasting went well"),
        ("Satō", "Misaki Sato"),
    ],
)
def test_english_plurals_ing_and_accents_meet(query, text):
    assert finds(query, text)


def test_particles_auxiliaries_and_light_verbs_are_dropped():
    held = tokens("東京で働いています。商品開発をしました！")
    assert {"東京", "働く", "商品", "開発"} <= held
    assert not held & {"で", "て", "い", "ます", "を", "し", "た", "する", "！", "。"}
    assert query_terms("東京で働いています") == [(("東京",),), (("働い",), ("働く",))]
    assert tokens("the managers of a team") == tokens("managers team")  # English stop words too


def test_a_compound_is_found_by_its_parts_and_the_parts_by_the_compound():
    assert finds("開発", "商品開発部の仕事")  # a part finds the whole
    assert finds("商品開発", "商品開発部")  # a compound finds a longer compound holding its parts
    assert finds("商品開発部", "商品開発部")


def test_kana_readings_of_names_are_indexed_whole():
    """Sudachi reads the given name まい as an auxiliary and splits やまもと into やま + も + と; a reading
    written on its own (a profile's name in kana) is still found whole."""
    assert finds("まい", "伊藤 麻衣 いとう まい")
    assert finds("いとう まい", "伊藤 麻衣 いとう まい")
    assert not finds("いとう まい", "伊藤 彩 いとう あや")
    assert finds("やまもと", "山本 さくら やまもと さくら")
    assert finds("かな", "佐藤 佳奈 さとう かな")
    assert query_terms("まい") == [(("まい",),)]


TEXTS = [
    "転職して3年、ようやく落ち着いてきました。前職で学んだ品質の考え方が今でも役立っています。",
    "ひなた食品の商品開発部で冷凍惣菜を手がけた佐藤美咲さんは、2021年に株式会社ミドリノを創業しました。",
    "ｱﾙﾑﾅｲの皆さん、キャリアフェスティバル2026でお会いしましょう！",
    "研究所で発酵の基礎研究を担当していました。同期や後輩の皆さんと久しぶりに話したいです。",
    "髙橋 翔太 たかはし しょうた Shota Takahashi 品質保証部 Quality Assurance",
    "伊藤 麻衣 いとう まい Mai Ito 2012年入社",
    "Misaki Sato spent twelve years developing frozen ready meals before founding Midorino.",
    "学び直したい人のための勉強会を、オンラインで開きます。",
    "北海道の千歳工場で長く工場長を務め、退職後は地元の小さな食品メーカーを支援する。",
    "食品表示の改正について、分かりやすい資料を見つけました。https://example.jp/labeling-guide",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_function_indexes_and_queries(text):
    """A text finds itself: its index tokens hold an alternative of every unit its own query has."""
    units = query_terms(text)
    assert units
    held = tokens(text)
    for unit in units:
        assert any(set(alternative) <= held for alternative in unit), unit


@pytest.mark.parametrize("text", TEXTS)
def test_every_fragment_between_punctuation_finds_its_text(text):
    for fragment in (part.strip() for part in text.replace("、", "。").split("。")):
        if query_terms(fragment):
            assert finds(fragment, text), fragment


def test_the_query_is_the_same_in_every_process():
    """Terms never depend on the process's string hashing (each web worker has its own)."""
    code = (
        "import sys; sys.path.insert(0, '.');"
        "from search.tokeniser import query_terms, tokenise;"
        f"print(repr([(query_terms(t), tokenise(t)) for t in {TEXTS + ['学び直したい', 'いとう まい']!r}]))"
    )
    outputs = {
        subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
