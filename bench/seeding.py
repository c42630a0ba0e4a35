"""What the benchmarks share to fill a PostgreSQL database fast: Django set-up, progress on stderr, COPY of
generated rows (every column the model has, defaults filled in, ids reserved up front so related rows can
point at them), and invented Japanese text built from the demo's vocabulary (community/demo.py).

bench/seed.py builds the large data set with these; bench/feed_scale.py its groups and posts.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What bench/seed.py makes and the load tools look for.
DOMAIN = "load.tsunagari.example"  # the invented members' e-mail addresses: m000001@load.tsunagari.example
BENCH_EMAIL = "bench@tsunagari.example"  # the member in 20 groups with an inbox
BENCH_PASSWORD = "tsunagari-bench"  # noqa: S105 - every invented member's, in a throwaway benchmark database
THREAD_BODY = "【千件のコメント】同期会の写真、皆さんの思い出をコメントで集めています。"


def django_setup(settings_module):
    """Put the project on the path and set Django up with `settings_module`."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()


class Progress:
    """A progress bar on stderr: `label [#####-----] done/total rate/s`, redrawn at most twice a second."""

    WIDTH = 30

    def __init__(self, label, total):
        self.label, self.total, self.done = label, max(total, 1), 0
        self.started = self.drawn = time.monotonic()
        self._draw()

    def advance(self, count=1):
        self.done += count
        if time.monotonic() - self.drawn >= 0.5:
            self._draw()

    def _draw(self):
        self.drawn = time.monotonic()
        filled = int(self.WIDTH * min(self.done / self.total, 1))
        rate = self.done / max(self.drawn - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r{self.label:<22} [{bar}] {self.done:,}/{self.total:,} {rate:,.0f}/s ")
        sys.stderr.flush()

    def finish(self):
        self._draw()
        sys.stderr.write(f"{time.monotonic() - self.started:.1f} s\n")
        sys.stderr.flush()


def _column_default(field):
    """The value (or a callable giving it, row by row) of a column the generated rows leave out."""
    from django.db.models import JSONField
    from django.utils import timezone

    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default() and callable(field.default):
        default = field.default
        return (lambda: json.dumps(default())) if isinstance(field, JSONField) else default
    value = field.get_default()
    return json.dumps(value) if isinstance(field, JSONField) else value


def copy_rows(model, fields, rows, progress=None):
    """COPY `rows` (tuples of values for `fields`, attribute names such as "author_id") into `model`'s table.
    Every other column of its table gets its default, so the rows stay valid when the model gains a field.
    JSON values must be given as JSON text. Returns the number of rows."""
    from django.db import connection

    given = set(fields)
    others = [f for f in model._meta.local_concrete_fields if f.attname not in given and not f.primary_key]
    defaults = [_column_default(f) for f in others]
    callables = any(callable(value) for value in defaults)
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column) for name in fields)
    if others:
        columns += ", " + ", ".join(connection.ops.quote_name(f.column) for f in others)
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    connection.ensure_connection()
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        tail = tuple(defaults)
        for row in rows:
            if callables:
                tail = tuple(value() if callable(value) else value for value in defaults)
            copy.write_row(tuple(row) + tail)
            count += 1
            if progress and count % 1000 == 0:
                progress.advance(1000)
    if progress:
        progress.advance(count % 1000)
    return count


def next_id(model):
    """The first free id of `model`: rows copied with explicit ids from here on (then `sync_ids`)."""
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def sync_ids(*models):
    """Move each table's id sequence past the ids we copied in ourselves."""
    from django.db import connection

    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            # The table name is the model's own, never input.
            top = f"SELECT coalesce(max(id), 1) FROM {connection.ops.quote_name(table)}"  # noqa: S608
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({top}))", [table])


def analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- Invented Japanese text ----------------------------------------------------------------------------------

GROUP_THEMES = ["商品開発", "品質保証", "発酵", "冷凍技術", "物流", "マーケティング", "起業", "キャリア"]
GROUP_THEMES += ["子育て", "英語学習", "ランニング", "写真", "料理", "日本酒", "読書", "登山", "データ分析"]
GROUP_THEMES += ["海外勤務", "副業", "地方移住", "食品表示", "ワイン", "介護と仕事", "釣り"]
GROUP_SUFFIXES = ["の会", "研究会", "部", "サークル", "OB・OG会", "ネットワーク", "交流会"]
REGIONS = ["北海道", "東北", "関東", "北陸", "東海", "関西", "中国・四国", "九州", "沖縄", "海外"]
POSTS = [
    "{topic}について情報交換しませんか。{place}在住の方、特に歓迎です。",
    "先日{place}で元同僚と偶然再会しました。{topic}の話で盛り上がりました。",
    "{topic}の勉強会を{month}月に開きます。オンライン参加もできます。",
    "転職して{n}年、前職で学んだ{topic}の考え方が今でも役立っています。",
    "{topic}に詳しい方を探しています。業務委託でも大歓迎です。",
    "{topic}の分かりやすい資料を見つけました。https://example.jp/{n}",
    "久しぶりに投稿します。{place}に引っ越して{n}年になりました。皆さんお元気ですか？",
    "Anyone in {place} working on {topic}? Would love to compare notes over coffee.",
]
COMMENTS = [
    "参加したいです！",
    "懐かしいですね。{place}の頃を思い出しました。",
    "ありがとうございます、参考になります。",
    "{topic}なら少しお手伝いできるかもしれません。",
    "私も同じことを考えていました。",
    "詳しく聞かせてください。",
    "次回はぜひ声をかけてください。",
    "Great to hear from you!",
]
MESSAGES = [
    "ご無沙汰しています。お元気ですか？",
    "{topic}の件、来週お話しできますか。",
    "先日はありがとうございました。",
    "資料を送ります。ご確認ください。",
    "{place}に行く予定があるので、お茶でもいかがですか。",
    "承知しました。また連絡します。",
]


def sentence(rng, templates):
    from community.demo import EXPERTISE, LOCATIONS

    return rng.choice(templates).format(
        topic=rng.choice(EXPERTISE + GROUP_THEMES),
        place=rng.choice(LOCATIONS),
        month=rng.randint(1, 12),
        n=rng.randint(1, 15),
    )


def paragraph_html(text):
    """What `render_member_text()` makes of a plain paragraph without links, cheaply."""
    from django.utils.html import escape

    return f"<p>{escape(text)}</p>"


def group_name(index):
    rng = random.Random(index)
    if index % 6 == 5:
        return f"{rng.choice(REGIONS)}アルムナイ {index}"
    return f"{rng.choice(GROUP_THEMES)}{rng.choice(GROUP_SUFFIXES)} {index}"
