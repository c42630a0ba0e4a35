"""The demo pictures: what each one shows (title, alt text, credit) and how it is drawn.

Images are found again by title, so seeding twice reuses them; a picture whose file has gone missing from
storage is drawn again.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from . import illustrations

HERO = (1600, 1000)
GALLERY = (1200, 800)
PORTRAIT = (800, 800)
CREDIT = "イラスト：つながり編集部（デモ用に自動生成）"
TAG = "デモ"


@dataclass(frozen=True)
class DemoImage:
    key: str
    title: str
    description: str  # the alt text
    motif: str  # a key of illustrations.MOTIFS, or "portrait"
    palette: str
    size: tuple = HERO
    initial: str = ""

    @property
    def filename(self):
        return f"demo-{self.key}.jpg"

    def draw(self):
        seed = illustrations.seed_for(self.key)
        if self.motif == "portrait":
            return illustrations.portrait(self.initial, self.palette, self.size, seed)
        return illustrations.illustration(self.motif, self.palette, self.size, seed)


def _portrait(key, name, palette):
    family_name = name.split()[0]
    return DemoImage(
        key,
        f"人物イメージ：{name}",
        f"{name}さんを表すイラスト。顔は描かず、名字の一文字「{family_name[0]}」を添えている",
        "portrait",
        palette,
        PORTRAIT,
        family_name[0],
    )


IMAGES = [
    DemoImage(
        "home-hero",
        "つながり トップ画像",
        "ごはん茶碗とおにぎりを囲んで、人を表す丸が線で結ばれたイラスト",
        "connect",
        "apricot",
    ),
    # Story heroes
    DemoImage(
        "hero-midorino",
        "植物性食品の葉と器",
        "緑のグラデーションに、大小の葉と料理をのせた白い皿が散らばるイラスト",
        "leaves",
        "matcha",
    ),
    DemoImage(
        "hero-boomerang",
        "外に出て、戻ってくる",
        "二人の人物のあいだを、弧を描いて行き来する色とりどりの線のイラスト",
        "boomerang",
        "dusk",
    ),
    DemoImage(
        "hero-why-tsunagari",
        "集まる仲間たち",
        "色とりどりの人の後ろ姿が何列にも並ぶイラスト",
        "crowd",
        "plum",
    ),
    DemoImage(
        "hero-factory-dialogue",
        "世代を超えた対話",
        "二つの吹き出しと歯車、おにぎりが並ぶイラスト",
        "dialogue",
        "soy",
    ),
    DemoImage(
        "hero-career-festival",
        "キャリアフェスティバル2026",
        "三角の旗飾りと紙吹雪の下に、大勢の参加者の後ろ姿が並ぶイラスト",
        "festival",
        "apricot",
    ),
    DemoImage(
        "hero-fermentation",
        "発酵の瓶",
        "味噌や醤油を思わせる色の中身が入った三つの瓶と、泡のイラスト",
        "jars",
        "soy",
    ),
    DemoImage(
        "hero-cold-chain",
        "冷凍食品の共同配送",
        "点線で結ばれた配送先の丸と、雪の結晶、荷箱のイラスト",
        "route",
        "frost",
    ),
    DemoImage(
        "hero-yuzu",
        "ひだまり農園の柚子",
        "黄色い柚子と、断面を見せた柚子、緑の葉のイラスト",
        "citrus",
        "yuzu",
    ),
    # Pictures inside story bodies
    DemoImage(
        "midorino-kitchen",
        "ミドリノのキッチン（イメージ）",
        "色とりどりの惣菜を盛った白い皿と箸のイラスト",
        "plates",
        "matcha",
        GALLERY,
    ),
    DemoImage(
        "boomerang-talk",
        "キャリア面談（イメージ）",
        "二つの吹き出しが向かい合う、桃色のイラスト",
        "dialogue",
        "peach",
        GALLERY,
    ),
    DemoImage(
        "tsunagari-workshop",
        "立ち上げワークショップ（イメージ）",
        "前方のスクリーンに向かって座る参加者の後ろ姿のイラスト",
        "panel",
        "plum",
        GALLERY,
    ),
    DemoImage(
        "factory-online-meeting",
        "オンライン相談会（イメージ）",
        "画面に六つの参加者の枠が並び、一つにごはん茶碗が映るイラスト",
        "screens",
        "soy",
        GALLERY,
    ),
    DemoImage(
        "cold-chain-restaurants",
        "共同配送の届け先（イメージ）",
        "青い背景に、料理をのせた白い皿が並ぶイラスト",
        "plates",
        "frost",
        GALLERY,
    ),
    DemoImage(
        "yuzu-orchard",
        "山あいの柚子畑（イメージ）",
        "なだらかな丘と太陽、実をつけた柚子の木が並ぶイラスト",
        "hills",
        "yuzu",
        GALLERY,
    ),
    # Event galleries
    DemoImage(
        "festival-opening",
        "キャリアフェスティバル2026 開場",
        "旗飾りの下に集まった参加者の後ろ姿のイラスト",
        "crowd",
        "yuzu",
        GALLERY,
    ),
    DemoImage(
        "festival-keynote",
        "キャリアフェスティバル2026 基調講演",
        "スクリーンの前の演台に立つ登壇者と、客席の後ろ姿のイラスト",
        "keynote",
        "apricot",
        GALLERY,
    ),
    DemoImage(
        "festival-panel",
        "キャリアフェスティバル2026 パネルディスカッション",
        "壇上に三人の登壇者が並ぶ会場のイラスト",
        "panel",
        "dusk",
        GALLERY,
    ),
    DemoImage(
        "festival-booths",
        "キャリアフェスティバル2026 事業部ブース",
        "試食の皿が並ぶ三つのブースと来場者のイラスト",
        "booths",
        "peach",
        GALLERY,
    ),
    DemoImage(
        "festival-networking",
        "キャリアフェスティバル2026 交流会",
        "旗飾りと紙吹雪の下で談笑する大勢の参加者のイラスト",
        "festival",
        "matcha",
        GALLERY,
    ),
    DemoImage(
        "fermentation-screens",
        "オンライン勉強会 参加者",
        "画面に並ぶ参加者の枠のイラスト",
        "screens",
        "frost",
        GALLERY,
    ),
    DemoImage(
        "fermentation-jars",
        "麹・味噌・醤油の瓶（イメージ）",
        "中身の色が異なる三つの発酵食品の瓶のイラスト",
        "jars",
        "matcha",
        GALLERY,
    ),
    DemoImage(
        "fermentation-breakout",
        "オンライン勉強会 グループ交流",
        "少人数で話す参加者の枠が並ぶイラスト",
        "screens",
        "peach",
        GALLERY,
    ),
    # People (faceless portraits)
    _portrait("portrait-sato", "佐藤 美咲", "apricot"),
    _portrait("portrait-takahashi", "高橋 健太", "frost"),
    _portrait("portrait-nakamura", "中村 由紀", "plum"),
    _portrait("portrait-mori", "森 拓也", "matcha"),
    _portrait("portrait-ishida", "石田 遥", "peach"),
    _portrait("portrait-matsuda", "松田 千尋", "dusk"),
    _portrait("portrait-okamoto", "岡本 勇", "soy"),
    _portrait("portrait-kimura", "木村 彩花", "yuzu"),
    _portrait("portrait-okada", "岡田 誠", "frost"),
    _portrait("portrait-fujita", "藤田 翔太", "frost"),
    _portrait("portrait-yamaguchi", "山口 直子", "peach"),
    _portrait("portrait-kobayashi", "小林 恵", "matcha"),
    _portrait("portrait-yoshida", "吉田 亮", "soy"),
    _portrait("portrait-yamamoto-sho", "山本 翔", "yuzu"),
    _portrait("portrait-yamamoto-chinatsu", "山本 千夏", "apricot"),
]

IMAGES_BY_KEY = {spec.key: spec for spec in IMAGES}


def _file_exists(image):
    try:
        return bool(image.file.name) and image.file.storage.exists(image.file.name)
    except (OSError, ValueError):
        return False


@functools.cache
def _drawn(spec):
    """JPEG bytes and size of a picture. Kept for the life of the process: the pictures never change, and the
    test suite seeds many times in one process."""
    picture = spec.draw()
    return illustrations.jpeg_bytes(picture), picture.size


def _store_file(image, filename, data):
    """Save the picture's file, or point at an identical one already in storage (left by an earlier seeding
    of a database since reset), so re-seeding does not pile up copies in the media folder."""
    storage = image.file.storage
    name = image.file.field.generate_filename(image, filename)
    try:
        if storage.exists(name) and storage.size(name) == len(data):
            with storage.open(name, "rb") as existing:
                if existing.read() == data:
                    image.file = name
                    return
    except OSError:
        pass
    image.file.save(filename, ContentFile(data), save=False)


def ensure_image(spec):
    """The stored image for `spec`, drawn and saved if it is missing. Returns (image, created)."""
    Image = get_image_model()
    image = Image.objects.filter(title=spec.title).order_by("pk").first()
    if image is not None and _file_exists(image):
        return image, False

    data, size = _drawn(spec)
    if image is None:
        image = Image(title=spec.title, collection=Collection.get_first_root_node())
    image.description = spec.description
    image.credit = CREDIT
    image.file_size = len(data)
    image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    _store_file(image, spec.filename, data)
    image.width, image.height = size  # after the file: assigning it resets the dimension fields
    image.save()
    image.tags.add(TAG)
    return image, True
