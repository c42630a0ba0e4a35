"""Search at scale (PostgreSQL): the member directory and the site search over 100,000 members and 200,000 posts.

Generates invented members (kanji names with kana readings and romaji, some former surnames, careers from 1980
to 2025, departments, sites, organisations, titles, places across Japan, bios, expertise, open-to values and
a mix of privacy choices) and posts in groups and community-wide, with bulk_create; builds their search
entries in bulk (the same rows search/entries.py makes, checked on a sample; tokenised in two processes); the
database generates each entry's tsvector (search/postgres.py). Rerunning adds nothing: each step only makes what
is missing.

Then, as an alumni member who belongs to a few private groups, with warm caches, prints p50/p95 latency and
the number of results over 50 queries for (a) the directory's first page with its facets and count (what
/members/?q= works out), (b) the site search over every tab; and EXPLAIN ANALYZE of the slowest query's slowest SQL statement.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagari_search .venv/bin/python bench/search.py
     (the database is created when missing; --members/--posts for a smaller trial, --runs for timing runs).
Generating everything takes about 16 minutes on two cores. --random-page-cost 1.1 measures the planner setting
docs/production.md recommends for SSDs without changing the server.
"""

import argparse
import contextlib
import functools
import multiprocessing
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tsunagari_search")


def ensure_database(url):
    """Create the bench database when it does not exist yet (PostgreSQL only)."""
    import psycopg

    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(f"bench/search.py measures PostgreSQL; DATABASE_URL is {url}")
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DOMAIN = "bench.tsunagari.example"
VIEWER_EMAIL = f"viewer@{DOMAIN}"
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
BATCH = 5000


def _triples(text):
    return [tuple(item.split(":")) for item in text.split()]


# Surnames and given names (kanji:kana:romaji), roughly in order of frequency.
FAMILY = _triples(
    """佐藤:さとう:Sato 鈴木:すずき:Suzuki 高橋:たかはし:Takahashi 田中:たなか:Tanaka 伊藤:いとう:Ito
    渡辺:わたなべ:Watanabe 山本:やまもと:Yamamoto 中村:なかむら:Nakamura 小林:こばやし:Kobayashi
    加藤:かとう:Kato 吉田:よしだ:Yoshida 山田:やまだ:Yamada 佐々木:ささき:Sasaki 山口:やまぐち:Yamaguchi
    松本:まつもと:Matsumoto 井上:いのうえ:Inoue 木村:きむら:Kimura 林:はやし:Hayashi 斎藤:さいとう:Saito
    清水:しみず:Shimizu 山崎:やまざき:Yamazaki 森:もり:Mori 池田:いけだ:Ikeda 橋本:はしもと:Hashimoto
    阿部:あべ:Abe 石川:いしかわ:Ishikawa 山下:やました:Yamashita 中島:なかじま:Nakajima 石井:いしい:Ishii
    小川:おがわ:Ogawa 前田:まえだ:Maeda 岡田:おかだ:Okada 長谷川:はせがわ:Hasegawa 藤田:ふじた:Fujita
    後藤:ごとう:Goto 近藤:こんどう:Kondo 村上:むらかみ:Murakami 遠藤:えんどう:Endo 青木:あおき:Aoki
    坂本:さかもと:Sakamoto 斉藤:さいとう:Saito 福田:ふくだ:Fukuda 太田:おおた:Ota 西村:にしむら:Nishimura
    藤井:ふじい:Fujii 金子:かねこ:Kaneko 岡本:おかもと:Okamoto 藤原:ふじわら:Fujiwara 中野:なかの:Nakano
    三浦:みうら:Miura 原田:はらだ:Harada 中川:なかがわ:Nakagawa 松田:まつだ:Matsuda 竹内:たけうち:Takeuchi
    小野:おの:Ono 田村:たむら:Tamura 中山:なかやま:Nakayama 和田:わだ:Wada 石田:いしだ:Ishida
    森田:もりた:Morita 上田:うえだ:Ueda 原:はら:Hara 内田:うちだ:Uchida 柴田:しばた:Shibata
    酒井:さかい:Sakai 宮崎:みやざき:Miyazaki 横山:よこやま:Yokoyama 高木:たかぎ:Takagi 安藤:あんどう:Ando
    宮本:みやもと:Miyamoto 大野:おおの:Ono 小島:こじま:Kojima 谷口:たにぐち:Taniguchi 今井:いまい:Imai
    工藤:くどう:Kudo 高田:たかだ:Takada 増田:ますだ:Masuda 丸山:まるやま:Maruyama 杉山:すぎやま:Sugiyama
    村田:むらた:Murata 大塚:おおつか:Otsuka 新井:あらい:Arai 小山:こやま:Koyama 平野:ひらの:Hirano
    藤本:ふじもと:Fujimoto 河野:こうの:Kono 上野:うえの:Ueno 野口:のぐち:Noguchi 武田:たけだ:Takeda
    松井:まつい:Matsui 千葉:ちば:Chiba 岩崎:いわさき:Iwasaki 菅原:すがわら:Sugawara 木下:きのした:Kinoshita
    久保:くぼ:Kubo 佐野:さの:Sano 野村:のむら:Nomura 松尾:まつお:Matsuo 市川:いちかわ:Ichikawa
    菊地:きくち:Kikuchi 杉本:すぎもと:Sugimoto 古川:ふるかわ:Furukawa 大西:おおにし:Onishi 島田:しまだ:Shimada
    髙橋:たかはし:Takahashi 渡邉:わたなべ:Watanabe 齋藤:さいとう:Saito 濱田:はまだ:Hamada 比嘉:ひが:Higa"""
)
GIVEN = _triples(
    """花子:はなこ:Hanako 健太:けんた:Kenta 美咲:みさき:Misaki 翔太:しょうた:Shota 由美:ゆみ:Yumi
    大輔:だいすけ:Daisuke さくら:さくら:Sakura 拓也:たくや:Takuya 恵:めぐみ:Megumi 直樹:なおき:Naoki
    彩:あや:Aya 誠:まこと:Makoto 千尋:ちひろ:Chihiro 亮:りょう:Ryo 智子:ともこ:Tomoko 和也:かずや:Kazuya
    麻衣:まい:Mai 修:おさむ:Osamu 陽子:ようこ:Yoko 隆:たかし:Takashi 裕子:ゆうこ:Yuko 浩:ひろし:Hiroshi
    久美子:くみこ:Kumiko 剛:つよし:Tsuyoshi 真由美:まゆみ:Mayumi 学:まなぶ:Manabu 香織:かおり:Kaori
    大介:だいすけ:Daisuke 愛:あい:Ai 翼:つばさ:Tsubasa 結衣:ゆい:Yui 蓮:れん:Ren 陽菜:ひな:Hina
    悠真:ゆうま:Yuma 葵:あおい:Aoi 湊:みなと:Minato 美穂:みほ:Miho 達也:たつや:Tatsuya 奈々:なな:Nana
    健一:けんいち:Kenichi 明美:あけみ:Akemi 正人:まさと:Masato 恵子:けいこ:Keiko 聡:さとし:Satoshi
    典子:のりこ:Noriko 勇気:ゆうき:Yuki 由紀:ゆき:Yuki 康平:こうへい:Kohei 舞:まい:Mai 竜也:たつや:Tatsuya
    沙織:さおり:Saori 俊介:しゅんすけ:Shunsuke 絵里:えり:Eri 哲也:てつや:Tetsuya 瞳:ひとみ:Hitomi
    圭:けい:Kei 理恵:りえ:Rie 徹:とおる:Toru 佳奈:かな:Kana 将太:しょうた:Shota 晴美:はるみ:Harumi
    博之:ひろゆき:Hiroyuki 美和:みわ:Miwa 雅人:まさと:Masato 千夏:ちなつ:Chinatsu 勝:まさる:Masaru
    綾乃:あやの:Ayano 智也:ともや:Tomoya 遥:はるか:Haruka 一郎:いちろう:Ichiro 早紀:さき:Saki
    洋平:ようへい:Yohei 未来:みらい:Mirai 拓海:たくみ:Takumi 桃子:ももこ:Momoko 慎也:しんや:Shinya
    真理子:まりこ:Mariko 光:ひかる:Hikaru ひかり:ひかり:Hikari 亮介:りょうすけ:Ryosuke 咲:さき:Saki"""
)
DEPARTMENTS_EXTRA = [
    ("冷凍食品事業部", "Frozen Foods Division"),
    ("研究開発センター", "R&D Centre"),
    ("業務用営業部", "Food Service Sales"),
    ("経営企画部", "Corporate Planning"),
    ("広報部", "Corporate Communications"),
    ("法務部", "Legal"),
    ("物流部", "Logistics"),
    ("お客様相談室", "Customer Services"),
    ("名古屋営業部", "Nagoya Sales"),
    ("調味料事業部", "Seasonings Division"),
]
SITES_EXTRA = [
    ("千歳工場", "Chitose Plant"),
    ("九州工場", "Kyushu Plant"),
    ("名古屋支店", "Nagoya Branch"),
    ("上海事務所", "Shanghai Office"),
    ("バンコク事務所", "Bangkok Office"),
]
EXPERTISE_EXTRA = [
    "食品衛生",
    "HACCP",
    "サプライチェーン",
    "EC",
    "デジタルマーケティング",
    "広報",
    "財務",
    "M&A",
    "人材育成",
    "DX",
    "機械学習",
    "UXデザイン",
    "プロジェクトマネジメント",
    "輸出入",
    "調味料開発",
    "乳製品",
    "製菓",
    "栄養学",
    "官能評価",
    "知的財産",
    "コーチング",
    "中国語",
    "農業",
    "地方創生",
    "スタートアップ支援",
    "投資",
    "パッケージデザイン",
    "営業企画",
    "労務",
    "原価管理",
]
PLACES = (
    ["東京都"] * 14
    + ["神奈川県"] * 5
    + ["大阪府"] * 5
    + ["埼玉県", "千葉県", "愛知県", "愛知県", "福岡県", "福岡県", "静岡県", "静岡県", "北海道", "北海道"]
    + ["兵庫県", "京都府", "宮城県", "広島県", "茨城県", "長野県", "新潟県", "岡山県", "熊本県", "沖縄県"]
    + ["高知県", "石川県", "群馬県", "三重県", "鹿児島県"]
    + ["東京都世田谷区", "神奈川県横浜市", "大阪府大阪市", "北海道札幌市", "福岡県福岡市", "静岡県浜松市"]
    + ["Singapore", "Bangkok", "上海", "New York", "London", "Ho Chi Minh City", "Sydney"]
)
ORG_HEADS = ["ミドリ", "アオバ", "ヒカリ", "サクラ", "ツバサ", "ミナト", "ソラ", "ヤマト", "カエデ", "ハルカ"]
ORG_HEADS += [
    "つばめ",
    "こだま",
    "あさひ",
    "なごみ",
    "ほたる",
    "イロハ",
    "ユズリハ",
    "オリーブ",
    "シズク",
    "ホクト",
]
ORG_TAILS = ["フーズ", "物流", "テック", "食品", "ラボ", "商事", "デザイン", "ファーム", "キッチン"]
ORG_TAILS += [
    "コンサルティング",
    "製菓",
    "乳業",
    "醸造",
    "ロジスティクス",
    "ソリューションズ",
    "マーケティング",
]
ORG_OTHER = [
    "フリーランス",
    "NPO法人こども食堂ネット",
    "NPO法人フードバンク東海",
    "国立大学法人 東都大学",
    "県立大学 食品栄養学科",
    "地方銀行",
    "外資系消費財メーカー",
    "大手コンビニチェーン",
    "総合商社",
    "食品スーパー",
    "市役所",
    "Global Foods Pte. Ltd.",
    "Hinode Trading Inc.",
]
TITLES = ["代表取締役", "取締役", "執行役員", "部長", "課長", "マネージャー", "シニアマネージャー", "主任"]
TITLES += ["研究員", "主任研究員", "エンジニア", "デザイナー", "コンサルタント", "准教授", "教授", "店主"]
TITLES += ["農園主", "理事", "事業開発", "法人営業", "マーケター", "プロダクトマネージャー", "CTO", "CFO"]
TITLES += ["キャリアコーチ", "食品表示コンサルタント", "Brand Manager", "Supply Chain Lead"]
EMPLOYEE_TITLES = ["部長", "課長", "主任", "担当", "主任研究員", "マネージャー", "係長"]
WORK_TOPICS = [
    "冷凍食品の開発",
    "調味料の開発",
    "工場の生産管理",
    "品質保証",
    "食品表示のチェック",
    "量販店向けの営業",
    "業務用の法人営業",
    "ブランドマーケティング",
    "新卒採用",
    "原材料の調達",
    "物流網の改善",
    "海外事業の立ち上げ",
    "発酵の基礎研究",
    "情報システムの刷新",
    "経理と予算管理",
    "広報とプレスリリース",
]
NOW_DOING = [
    "スタートアップで植物性たんぱくの商品をつくっています",
    "キャリアコーチとして、40代からの転職や学び直しを支援しています",
    "地域の食材を使った商品づくりを応援しています",
    "物流ベンチャーで冷凍配送の仕組みを作っています",
    "大学で食品科学を教えています",
    "家業の農園を継ぎ、加工品の販売を始めました",
    "外資系メーカーでブランドを担当しています",
    "こども食堂の運営に関わっています",
    "フリーランスで食品表示の相談に乗っています",
    "社内で後輩の育成に力を入れています",
    "子育てをしながら時短で働いています",
    "シンガポールで日本食の輸出に携わっています",
]
BIO_ENDINGS = [
    "同期や後輩の皆さんと久しぶりに話したいです。",
    "協業のご相談歓迎です。",
    "気軽に声をかけてください。",
    "アルムナイの皆さんの経験を社内に届けたいと思っています。",
    "東南アジアの食の話ならお任せください。",
    "週末はランニングと料理をしています。",
    "転職を考えている方の相談にも乗ります。",
    "",
]
ENGLISH_BIOS = [
    "Spent {years} years in {dept_en} before moving to {org}. Happy to talk about careers and food startups.",
    "Worked on {topic_en} at Hinata Foods; now based in {place}. Open to collaborations and mentoring.",
    "Former {dept_en} member, now managing brands in Southeast Asia. Always glad to meet fellow alumni.",
]
TOPICS_EN = ["frozen food development", "quality assurance", "food labelling", "logistics", "brand marketing"]
GROUP_THEMES = [
    "商品開発",
    "品質保証",
    "発酵",
    "冷凍技術",
    "物流",
    "マーケティング",
    "起業",
    "キャリア",
    "子育て",
    "介護と仕事",
    "英語学習",
    "ランニング",
    "釣り",
    "写真",
    "料理",
    "ワイン",
    "日本酒",
    "読書",
    "登山",
    "食品表示",
    "データ分析",
    "海外勤務",
    "副業",
    "農業",
    "地方移住",
]
GROUP_SUFFIXES = ["の会", "研究会", "部", "サークル", "OB・OG会", "ネットワーク", "を語る会", "交流会"]
REGIONS = ["北海道", "東北", "関東", "北陸", "東海", "関西", "中国", "四国", "九州", "沖縄", "海外"]
POST_TEMPLATES = [
    "{topic}について、{place}で情報交換しませんか。{ending}",
    "先日、{place}で元同僚と偶然再会しました。{topic}の話で盛り上がりました。",
    "{event}に参加しました。{impression}",
    "転職して{n}年、ようやく落ち着いてきました。前職で学んだ{topic}の考え方が今でも役立っています。",
    "{place}で{topic}の勉強会を開きます。{month}月の土曜日、オンライン参加もできます。",
    "新しく立ち上げた会社で、{topic}に詳しい方を探しています。業務委託でも大歓迎です。",
    "{topic}の資料を見つけました。分かりやすいのでおすすめです。https://example.jp/{n}",
    "久しぶりに投稿します。{place}に引っ越して{n}年になりました。皆さんお元気ですか？",
    "{topic}の仕事をしている方、{place}でランチしながら話しませんか。",
    "子どもの夏休みの間の働き方、皆さんどう工夫していますか？{ending}",
    "Anyone working on {topic_en} in {place}? Would love to compare notes over coffee.",
]
EVENTS = ["キャリアフェスティバル", "工場見学会", "年末の集い", "夏の交流会", "オンライン勉強会", "同期会"]
IMPRESSIONS = [
    "久しぶりに同期に会えて、本当に来てよかったです。",
    "登壇された皆さんの話がとても参考になりました。",
    "オンラインでも質問しやすかったです。",
    "次回はぜひ家族とも参加したいです。",
]
QUERIES = [
    # names: kanji, kana, katakana, romaji, full names, variant kanji, a former surname
    "佐藤",
    "さとう",
    "サトウ",
    "Sato",
    "高橋 健太",
    "髙橋",
    "たかはし みさき",
    "Yamamoto Sakura",
    "渡邉",
    "長谷川",
    "比嘉",
    "いとう まい",
    "村上",
    # departments and sites, in Japanese and English
    "商品開発部",
    "品質保証部",
    "人事部",
    "Quality Assurance",
    "Frozen Foods",
    "静岡工場",
    "千歳工場",
    "研究所",
    # expertise and topics
    "発酵",
    "冷凍技術",
    "食品表示",
    "HACCP",
    "データ分析",
    "起業",
    "サステナビリティ",
    "機械学習",
    "メンタリング",
    "mentoring",
    # places and organisations
    "北海道",
    "大阪",
    "Singapore",
    "シンガポール",
    "株式会社ミドリフーズ",
    "フリーランス",
    "准教授",
    # phrases, inflections, several words
    "転職しました",
    "学び直したい",
    "キャリアコーチ",
    "冷凍食品の開発",
    "植物性たんぱく",
    "ｱﾙﾑﾅｲ",
    "子育て 時短",
    "発酵 研究 静岡",
    "2005年入社",
    "startups",
    "food labelling",
    "存在しない言葉",
]


def person(rng):
    family, given = rng.choice(FAMILY), rng.choice(GIVEN)
    return family, given


def org_units():
    from community.demo import DEPARTMENTS, SITES
    from community.models import OrgUnit

    for kind, rows in (
        (OrgUnit.DEPARTMENT, DEPARTMENTS + DEPARTMENTS_EXTRA),
        (OrgUnit.SITE, SITES + SITES_EXTRA),
    ):
        for order, (name, name_en) in enumerate(rows):
            OrgUnit.objects.update_or_create(
                kind=kind, name=name, defaults={"name_en": name_en, "sort_order": order}
            )
    departments = list(OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT).order_by("pk"))
    sites = list(OrgUnit.objects.filter(kind=OrgUnit.SITE).order_by("pk"))
    return departments, sites


def expertise_tags():
    from taggit.models import Tag

    from community.demo import EXPERTISE

    return [Tag.objects.get_or_create(name=name)[0] for name in EXPERTISE + EXPERTISE_EXTRA]


def audience(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_member(index, departments, sites, tags):
    """(user fields, profile fields, department ids, site ids, tag ids) for member number `index`."""
    from community.audiences import MemberKind, MembershipStatus, OpenTo

    rng = random.Random(index)
    (family, family_kana, family_romaji), (given, given_kana, given_romaji) = person(rng)
    kind = MemberKind.EMPLOYEE if rng.random() < 0.22 else MemberKind.ALUMNI
    joined = rng.randint(1980, 2025 if kind == MemberKind.EMPLOYEE else 2022)
    left = None if kind == MemberKind.EMPLOYEE else min(joined + rng.randint(2, 30), 2025)
    my_departments = rng.sample(departments, rng.choice([1, 1, 2, 2, 3]))
    my_sites = rng.sample(sites, rng.choice([0, 1, 1, 2]))
    if kind == MemberKind.EMPLOYEE:
        organisation, title = "ひなた食品株式会社", rng.choice(EMPLOYEE_TITLES)
    elif rng.random() < 0.6:
        organisation = f"株式会社{rng.choice(ORG_HEADS)}{rng.choice(ORG_TAILS)}"
        title = rng.choice(TITLES)
    else:
        organisation, title = rng.choice(ORG_OTHER), rng.choice(TITLES)
    place = rng.choice(PLACES)
    if rng.random() < 0.06:
        bio = rng.choice(ENGLISH_BIOS).format(
            years=(left or 2025) - joined,
            dept_en=my_departments[0].name_en,
            org=organisation,
            topic_en=rng.choice(TOPICS_EN),
            place=place,
        )
    elif rng.random() < 0.9:
        bio = (
            f"{joined}年入社。{my_departments[0].name}で{rng.choice(WORK_TOPICS)}を{rng.randint(2, 20)}年担当しました。"
            f"いまは{rng.choice(NOW_DOING)}。{rng.choice(BIO_ENDINGS)}"
        )
    else:
        bio = ""
    approved = NOW - timedelta(days=rng.randint(1, 900), seconds=rng.randint(0, 86400))
    status = MembershipStatus.MEMBER if rng.random() < 0.97 else MembershipStatus.APPLICANT
    handle = f"{given_romaji}-{family_romaji}-{index}".lower()
    user = {
        "email": f"m{index:06d}@{DOMAIN}",
        "password": "!",  # unusable
        "first_name": given,
        "last_name": family,
    }
    profile = {
        "handle": handle,
        "kind": kind,
        "status": status,
        "approved_at": approved if status == MembershipStatus.MEMBER else None,
        "display_name": f"{family} {given}",
        "name_kana": f"{family_kana} {given_kana}",
        "name_romaji": f"{given_romaji} {family_romaji}",
        "former_surname": rng.choice(FAMILY)[0] if rng.random() < 0.15 else "",
        "joined_year": joined if rng.random() < 0.95 else None,
        "left_year": left,
        "organisation": organisation,
        "job_title": title,
        "location": place,
        "bio": bio,
        "open_to": rng.sample(OpenTo.values, rng.choice([0, 0, 1, 1, 2, 3])),
        "hidden_from_directory": rng.random() < 0.02,
        "former_surname_audience": audience(rng, {"private": 5, "members": 4, "alumni": 1}),
        "career_years_audience": audience(rng, {"members": 8, "alumni": 1, "private": 1}),
        "departments_audience": audience(rng, {"members": 9, "private": 1}),
        "sites_audience": audience(rng, {"private": 4, "members": 5, "employees": 1}),
        "work_audience": audience(rng, {"members": 4, "alumni": 2, "employees": 1, "private": 3}),
        "location_audience": audience(rng, {"members": 4, "private": 4, "employees": 1, "alumni": 1}),
        "bio_audience": audience(rng, {"members": 9, "private": 1}),
        "expertise_audience": audience(rng, {"members": 9, "alumni": 1}),
        "open_to_audience": audience(rng, {"members": 9, "private": 1}),
    }
    tag_ids = [tag.pk for tag in rng.sample(tags, rng.choice([0, 1, 2, 2, 3, 4]))]
    return user, profile, [unit.pk for unit in my_departments], [unit.pk for unit in my_sites], tag_ids


def seed_members(total):
    from community.models import ExpertiseTag, Profile, User

    departments, sites = org_units()
    tags = expertise_tags()
    have = User.objects.filter(email__startswith="m", email__endswith=f"@{DOMAIN}").count()
    if have >= total:
        return have
    print(f"members: generating {total - have:,} (have {have:,})…", flush=True)
    started = time.monotonic()
    Departments, Sites = Profile.departments.through, Profile.sites.through
    for start in range(have, total, BATCH):
        rows = [
            make_member(index, departments, sites, tags) for index in range(start, min(start + BATCH, total))
        ]
        with transaction.atomic():
            users = User.objects.bulk_create([User(**user) for user, *_rest in rows])
            profiles = Profile.objects.bulk_create(
                [Profile(user=user, **fields) for user, (_u, fields, *_r) in zip(users, rows, strict=True)]
            )
            Departments.objects.bulk_create(
                [
                    Departments(profile_id=profile.pk, orgunit_id=unit)
                    for profile, row in zip(profiles, rows, strict=True)
                    for unit in row[2]
                ]
            )
            Sites.objects.bulk_create(
                [
                    Sites(profile_id=profile.pk, orgunit_id=unit)
                    for profile, row in zip(profiles, rows, strict=True)
                    for unit in row[3]
                ]
            )
            ExpertiseTag.objects.bulk_create(
                [
                    ExpertiseTag(content_object_id=profile.pk, tag_id=tag)
                    for profile, row in zip(profiles, rows, strict=True)
                    for tag in row[4]
                ]
            )
        done = start + len(rows)
        rate = (done - have) / (time.monotonic() - started)
        print(f"  members {done:,}/{total:,} ({rate:,.0f}/s)", flush=True)
    print(f"members: {total - have:,} generated in {time.monotonic() - started:.1f} s", flush=True)
    return total


def seed_groups_and_viewer():
    """300 groups (60 private) and the viewer: an alumni member of 12 open and 3 private groups."""
    from community.audiences import MemberKind, MembershipStatus
    from community.models import Group, GroupMembership, Profile, User

    if Group.objects.filter(slug__startswith="bench-").count() < 300:
        rng = random.Random(300)
        groups = []
        for number in range(300):
            if number % 5 == 4:
                name = f"{rng.choice(REGIONS)}アルムナイ{'' if number < 50 else number}"
                kind = Group.Kind.REGION
            elif number % 7 == 3:
                name = f"{rng.randrange(1980, 2021, 5)}年代前半入社 同期会 {number}"
                kind = Group.Kind.GENERATION
            else:
                name = f"{rng.choice(GROUP_THEMES)}{rng.choice(GROUP_SUFFIXES)} {number}"
                kind = Group.Kind.THEME
            groups.append(
                Group(
                    name=name[:80],
                    slug=f"bench-{number}",
                    kind=kind,
                    is_private=number % 5 == 2,
                    status=Group.Status.ACTIVE,
                    description=f"{name}のグループです。{rng.choice(WORK_TOPICS)}や近況を気軽に話しましょう。",
                )
            )
        Group.objects.bulk_create(groups, ignore_conflicts=True)
    viewer = User.objects.filter(email=VIEWER_EMAIL).first()
    if viewer is None:
        viewer = User.objects.create(email=VIEWER_EMAIL, password="!")  # noqa: S106 - unusable password
        Profile.objects.create(
            user=viewer,
            handle="bench-viewer",
            kind=MemberKind.ALUMNI,
            status=MembershipStatus.MEMBER,
            approved_at=NOW,
            display_name="閲覧 太郎",
            name_kana="えつらん たろう",
            name_romaji="Taro Etsuran",
            joined_year=2005,
            left_year=2018,
        )
    groups = list(Group.objects.filter(slug__startswith="bench-").order_by("pk"))
    mine = [g for g in groups if g.is_private][:3] + [g for g in groups if not g.is_private][:12]
    for group in mine:
        GroupMembership.objects.get_or_create(group=group, user=viewer, defaults={"state": "active"})
    return viewer, groups


def make_post(index, group_ids, author_ids):
    rng = random.Random(10_000_000 + index)
    template = rng.choice(POST_TEMPLATES)
    body = template.format(
        topic=rng.choice(GROUP_THEMES + WORK_TOPICS),
        topic_en=rng.choice(TOPICS_EN),
        place=rng.choice(PLACES),
        ending=rng.choice(BIO_ENDINGS) or "よろしくお願いします。",
        event=rng.choice(EVENTS),
        impression=rng.choice(IMPRESSIONS),
        n=rng.randint(1, 12),
        month=rng.randint(1, 12),
    )
    return {
        "author_id": rng.choice(author_ids),
        "group_id": rng.choice(group_ids) if rng.random() < 0.8 else None,
        "body": body,
        "body_html": f"<p>{body}</p>",
        "created_at": NOW - timedelta(seconds=rng.randint(0, 3 * 365 * 86400)),
    }


@contextlib.contextmanager
def invented_dates(model, field="created_at"):
    """Let bulk_create keep the dates we give (the field is auto_now_add)."""
    date_field = model._meta.get_field(field)
    date_field.auto_now_add = False
    try:
        yield
    finally:
        date_field.auto_now_add = True


def seed_posts(total, groups):
    from community.models import Post, Profile

    have = Post.objects.count()
    if have >= total:
        return have
    print(f"posts: generating {total - have:,} (have {have:,})…", flush=True)
    started = time.monotonic()
    group_ids = [group.pk for group in groups]
    author_ids = list(Profile.objects.members().values_list("user_id", flat=True).order_by("user_id"))
    for start in range(have, total, 10_000):
        rows = [make_post(index, group_ids, author_ids) for index in range(start, min(start + 10_000, total))]
        with invented_dates(Post):
            Post.objects.bulk_create([Post(**row) for row in rows])
        print(f"  posts {start + len(rows):,}/{total:,}", flush=True)
    print(f"posts: {total - have:,} generated in {time.monotonic() - started:.1f} s", flush=True)
    return total


# --- Search entries: the rows search/entries.py makes, built in bulk ---------------------------------------


def _member_entries(profile):
    from search import entries
    from search.models import Kind, Visibility

    rows = []
    for variant, audiences in entries.VARIANT_AUDIENCES.items():
        names, rest = entries.profile_text(profile, audiences)
        rows.append(
            entries._entry(
                Kind.MEMBER, profile.pk, names, rest, Visibility.MEMBERS, profile.approved_at, variant=variant
            )
        )
    return rows


def _post_entries(post):
    from community.models import Group
    from search import entries
    from search.models import Kind, Visibility

    if post.group_id and post.group.status != Group.Status.ACTIVE:
        return []
    author = getattr(post.author, "profile", None)
    title = author.display_name if author else ""
    if post.group_id is None:
        return [entries._entry(Kind.POST, post.pk, title, post.body, Visibility.MEMBERS, post.created_at)]
    return [
        entries._entry(
            Kind.POST,
            post.pk,
            title,
            post.body,
            Visibility.GROUP,
            post.created_at,
            group_id=post.group_id,
            group_private=post.group.is_private,
        )
    ]


def build_entries(job):
    """Worker: make and save the entries of one chunk of (kind, ids)."""
    from community.models import Post, Profile
    from search import entries
    from search.models import Kind, SearchEntry
    from search.tokeniser import tokenise

    if not isinstance(entries.tokenise, functools._lru_cache_wrapper):
        entries.tokenise = functools.lru_cache(maxsize=200_000)(
            tokenise
        )  # templates repeat: same text, same tokens
    kind, ids = job
    if kind == Kind.MEMBER:
        objects = (
            Profile.objects.members()
            .filter(pk__in=ids, hidden_from_directory=False)
            .prefetch_related("departments", "sites", "expertise")
        )
        rows = [row for profile in objects for row in _member_entries(profile)]
    else:
        objects = Post.objects.filter(pk__in=ids, is_hidden=False).select_related("group", "author__profile")
        rows = [row for post in objects for row in _post_entries(post)]
    SearchEntry.objects.bulk_create(rows)
    return len(ids), len(rows)


def seed_entries(processes=2):
    from community.models import Post, Profile
    from search.models import Kind, SearchEntry
    from search.tokeniser import tokenise

    todo = []
    for kind, queryset in (
        (Kind.MEMBER, Profile.objects.members().filter(hidden_from_directory=False)),
        (Kind.POST, Post.objects.filter(is_hidden=False)),
    ):
        done = set(SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True))
        missing = sorted(set(queryset.values_list("pk", flat=True)) - done)
        todo += [(kind, missing[start : start + 1000]) for start in range(0, len(missing), 1000)]
    if not todo:
        return
    objects = sum(len(ids) for _kind, ids in todo)
    print(f"search entries: building for {objects:,} objects in {processes} processes…", flush=True)
    started = time.monotonic()
    tokenise("辞書を読み込む")  # load the dictionary before forking: the workers share its memory map
    connections.close_all()
    made = seen = 0
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for number, (count, rows) in enumerate(pool.imap_unordered(build_entries, todo), start=1):
            seen, made = seen + count, made + rows
            if number % 20 == 0 or number == len(todo):
                rate = seen / (time.monotonic() - started)
                print(
                    f"  entries: {seen:,}/{objects:,} objects, {made:,} rows ({rate:,.0f} objects/s)",
                    flush=True,
                )
    print(f"search entries: {made:,} rows in {time.monotonic() - started:.1f} s", flush=True)


def check_entries(samples=40):
    """The bulk rows are the rows search/entries.py makes (compared on a random sample). Tokens are compared
    as sets: a profile's expertise tags come in no particular order, so entries_for() itself may order them
    differently from one call to the next."""
    from search.entries import entries_for
    from search.models import Kind, SearchEntry

    fields = ["kind", "object_id", "variant", "visibility", "group_id", "group_private", "language", "family"]
    fields += ["date", "title", "body"]

    def comparable(row):
        return (*row[:-2], sorted(row[-2].split()), sorted(row[-1].split()))

    rng = random.Random(5)
    checked = 0
    for kind in (Kind.MEMBER, Kind.POST):
        ids = list(
            SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True).distinct()[:50_000]
        )
        for pk in rng.sample(ids, min(samples, len(ids))):
            made = [tuple(getattr(entry, field) for field in fields) for entry in entries_for(kind, pk)]
            stored = SearchEntry.objects.filter(kind=kind, object_id=pk).values_list(*fields)
            expected = sorted(map(comparable, made), key=repr)
            assert sorted(map(comparable, stored), key=repr) == expected, f"{kind} {pk}: rows differ"
            checked += 1
    print(f"search entries: {checked} objects checked, the same as search/entries.py makes", flush=True)


def analyze():
    """Fresh planner statistics after the bulk load (the entries' tsvector is generated by the database)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- Measuring ----------------------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(label, function, runs):
    """Per query: warm once, then the median of `runs`. Returns {query: (ms, results, sql statements)}."""
    timings = {}
    for text in QUERIES:
        function(text)  # warm: the tokeniser's cache, PostgreSQL's buffers
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            results = function(text)
            samples.append((time.perf_counter() - started) * 1000)
        timings[text] = (statistics.median(samples), results)
    values = [ms for ms, _results in timings.values()]
    slowest = max(timings, key=lambda text: timings[text][0])
    print(
        f"{label:44} p50 {percentile(values, 0.5):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms  "
        f"max {max(values):7.1f} ms ({slowest})"
    )
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (the median is kept)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--random-page-cost",
        type=float,
        default=None,
        help="SET random_page_cost for this session (PostgreSQL's default 4 assumes spinning disks; 1.1 is "
        "the usual setting on SSDs)",
    )
    options = parser.parse_args()

    from django.core.paginator import Paginator

    from community.models import Post, Profile
    from search import directory as search_directory
    from search.directory import DirectoryQuery
    from search.models import SearchEntry
    from search.service import site_search

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    seed_members(options.members)
    viewer, groups = seed_groups_and_viewer()
    seed_posts(options.posts, groups)
    seed_entries(options.processes)
    check_entries()
    analyze()
    print(
        f"data: {Profile.objects.members().count():,} members, {Post.objects.count():,} posts, "
        f"{SearchEntry.objects.count():,} search entries; ready in {time.monotonic() - started:.1f} s"
    )
    if options.random_page_cost is not None:
        with connection.cursor() as cursor:
            cursor.execute("SET random_page_cost = %s", [options.random_page_cost])
        print(f"random_page_cost = {options.random_page_cost} for this session\n")

    def directory(text):
        # What /members/?q= works out: the ranked members the viewer may list, their facets and count (one
        # statement), and the first page of them.
        results = search_directory.directory_results(viewer, DirectoryQuery(text=text))
        list(Paginator(results.members, 24).get_page(1).object_list)
        return results.count

    def search(text):
        outcome = site_search(viewer, text)
        return outcome.total

    print(
        f"{len(QUERIES)} queries as an alumni member of 3 private and 12 open groups; median of {options.runs} runs"
    )
    rows = {
        "(a) directory, first page + facets": measure(
            "(a) directory, first page + facets", directory, options.runs
        ),
        "(b) site search, every tab": measure("(b) site search, every tab", search, options.runs),
    }
    print(f"\n{'query':24} {'(a) ms':>8} {'(b) ms':>8} {'members':>8} {'site hits':>9}")
    for text in QUERIES:
        a, b = (rows[label][text] for label in rows)
        print(f"{text:24} {a[0]:8.1f} {b[0]:8.1f} {a[1]:8,d} {b[1]:9,d}")

    slowest = max(QUERIES, key=lambda text: rows["(a) directory, first page + facets"][text][0])
    with CaptureQueriesContext(connection) as captured:
        directory(slowest)
    statements = []
    for query in captured.captured_queries:
        sql = query["sql"]
        with connection.cursor() as cursor:
            begun = time.perf_counter()
            cursor.execute(sql)
            statements.append(((time.perf_counter() - begun) * 1000, sql))
    statements.sort(reverse=True)
    print(f"\nslowest query with facets: {slowest!r}; its {len(statements)} SQL statements, slowest first:")
    for ms, sql in statements[:5]:
        print(f"  {ms:8.1f} ms  {sql[:150]}…")
    print("\nEXPLAIN ANALYZE of the slowest statement:")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statements[0][1])
        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
