"""Demo members for the embedded default: ~40 invented alumni and employees, pending applicants, demo logins.

Called by `manage.py seed_demo`; idempotent (people are found by e-mail address). Every person here is invented.
"""

import functools
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from .audiences import Audience, MemberKind, MembershipStatus, OpenTo
from .models import Application, OrgUnit, Profile, Reaction

DEMO_PASSWORD = "tsunagari-demo"  # noqa: S105 - demo content for the embedded default only
DEMO_LOGINS = {
    "member": "member@tsunagari.example",
    "applicant": "applicant@tsunagari.example",
    "secretariat": "secretariat@tsunagari.example",
}

DEPARTMENTS = [
    ("商品開発部", "Product Development"),
    ("研究所", "Research Laboratory"),
    ("品質保証部", "Quality Assurance"),
    ("東京営業部", "Tokyo Sales"),
    ("大阪営業部", "Osaka Sales"),
    ("マーケティング部", "Marketing"),
    ("生産技術部", "Production Engineering"),
    ("調達部", "Procurement"),
    ("人事部", "Human Resources"),
    ("経理部", "Finance"),
    ("海外事業部", "International Business"),
    ("情報システム部", "IT"),
]
SITES = [
    ("本社（東京・中央区）", "Head office (Tokyo)"),
    ("川崎研究所", "Kawasaki Laboratory"),
    ("静岡工場", "Shizuoka Plant"),
    ("北海道工場", "Hokkaido Plant"),
    ("大阪支社", "Osaka Branch"),
    ("福岡営業所", "Fukuoka Office"),
    ("シンガポール拠点", "Singapore Office"),
]
FAMILY = [
    ("佐藤", "さとう", "Sato"),
    ("鈴木", "すずき", "Suzuki"),
    ("高橋", "たかはし", "Takahashi"),
    ("田中", "たなか", "Tanaka"),
    ("伊藤", "いとう", "Ito"),
    ("渡辺", "わたなべ", "Watanabe"),
    ("山本", "やまもと", "Yamamoto"),
    ("中村", "なかむら", "Nakamura"),
    ("小林", "こばやし", "Kobayashi"),
    ("加藤", "かとう", "Kato"),
    ("吉田", "よしだ", "Yoshida"),
    ("山田", "やまだ", "Yamada"),
    ("松本", "まつもと", "Matsumoto"),
    ("井上", "いのうえ", "Inoue"),
    ("木村", "きむら", "Kimura"),
    ("林", "はやし", "Hayashi"),
    ("清水", "しみず", "Shimizu"),
    ("森", "もり", "Mori"),
    ("池田", "いけだ", "Ikeda"),
    ("橋本", "はしもと", "Hashimoto"),
    ("石川", "いしかわ", "Ishikawa"),
    ("髙橋", "たかはし", "Takahashi"),
    ("前田", "まえだ", "Maeda"),
    ("藤田", "ふじた", "Fujita"),
]
GIVEN = [
    ("花子", "はなこ", "Hanako"),
    ("健太", "けんた", "Kenta"),
    ("美咲", "みさき", "Misaki"),
    ("翔太", "しょうた", "Shota"),
    ("由美", "ゆみ", "Yumi"),
    ("大輔", "だいすけ", "Daisuke"),
    ("さくら", "さくら", "Sakura"),
    ("拓也", "たくや", "Takuya"),
    ("恵", "めぐみ", "Megumi"),
    ("直樹", "なおき", "Naoki"),
    ("彩", "あや", "Aya"),
    ("誠", "まこと", "Makoto"),
    ("千尋", "ちひろ", "Chihiro"),
    ("亮", "りょう", "Ryo"),
    ("智子", "ともこ", "Tomoko"),
    ("和也", "かずや", "Kazuya"),
    ("麻衣", "まい", "Mai"),
    ("修", "おさむ", "Osamu"),
]
NOW_DOING = [
    ("株式会社ミドリノ", "代表取締役"),
    ("フードテック・ラボ合同会社", "CTO"),
    ("キャリアデザイン室 あおば", "キャリアコーチ"),
    ("株式会社はこぶね物流", "事業開発マネージャー"),
    ("やまびこ農園", "農園主"),
    ("外資系消費財メーカー", "ブランドマネージャー"),
    ("地方銀行", "法人営業"),
    ("ひなた食品株式会社", "課長"),
    ("ひなた食品株式会社", "主任研究員"),
    ("フリーランス", "食品表示コンサルタント"),
    ("NPO法人こども食堂ネット", "理事"),
    ("大学", "准教授（食品科学）"),
]
EXPERTISE = [
    "商品開発",
    "品質管理",
    "マーケティング",
    "法人営業",
    "食品表示",
    "発酵",
    "冷凍技術",
    "物流",
    "採用",
    "海外事業",
    "データ分析",
    "起業",
    "ブランディング",
    "サステナビリティ",
    "生産管理",
    "ファシリテーション",
]
LOCATIONS = ["東京都", "神奈川県", "大阪府", "静岡県", "北海道", "福岡県", "愛知県", "Singapore", "京都府"]
BIOS = [
    "入社後は冷凍食品の開発に10年。いまはスタートアップで植物性たんぱくの商品をつくっています。",
    "営業一筋15年。現在はキャリアコーチとして、40代からの転職や学び直しを支援しています。",
    "研究所で発酵の基礎研究を担当していました。同期や後輩の皆さんと久しぶりに話したいです。",
    "工場の生産技術から物流の世界へ。現場の改善が好きです。協業のご相談歓迎です。",
    "マーケティング部でブランドを担当。いまは地域の食材を使った商品づくりを応援しています。",
    "人事部で新卒採用を担当しています。アルムナイの皆さんの経験を社内に届けたいと思っています。",
    "海外事業部でシンガポールに駐在していました。東南アジアの食の話ならお任せください。",
]


def _org_units():
    for index, (name, name_en) in enumerate(DEPARTMENTS):
        OrgUnit.objects.update_or_create(
            kind=OrgUnit.DEPARTMENT, name=name, defaults={"name_en": name_en, "sort_order": index}
        )
    for index, (name, name_en) in enumerate(SITES):
        OrgUnit.objects.update_or_create(
            kind=OrgUnit.SITE, name=name, defaults={"name_en": name_en, "sort_order": index}
        )
    return list(OrgUnit.objects.filter(kind=OrgUnit.DEPARTMENT)), list(
        OrgUnit.objects.filter(kind=OrgUnit.SITE)
    )


@functools.cache
def _demo_password_hash():
    return make_password(DEMO_PASSWORD)  # hashed once: hashing per user would make seeding slow


def _user(email, **extra):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, password=_demo_password_hash(), **extra)
    mark_email_verified(user)
    return user


def mark_email_verified(user):
    """allauth's record that `user`'s address is verified: demo log-ins skip the confirmation e-mail."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def _person(rng, index):
    family, given = FAMILY[index % len(FAMILY)], GIVEN[(index * 7) % len(GIVEN)]
    return {
        "display_name": f"{family[0]} {given[0]}",
        "name_kana": f"{family[1]} {given[1]}",
        "name_romaji": f"{given[2]} {family[2]}",
        "handle": f"{given[2]}-{family[2]}-{index}".lower(),
    }


def _member(rng, index, departments, sites, kind, email=None):
    person = _person(rng, index)
    email = email or f"{person['handle']}@members.tsunagari.example"
    user = _user(email)
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    joined = rng.randint(1990, 2020)
    left = None if kind == MemberKind.EMPLOYEE else min(joined + rng.randint(3, 20), 2026)
    organisation, title = NOW_DOING[index % len(NOW_DOING)]
    if kind == MemberKind.EMPLOYEE:
        organisation, title = "ひなた食品株式会社", rng.choice(["課長", "主任", "担当", "部長"])
    approved = timezone.now() - timezone.timedelta(days=rng.randint(3, 360))
    profile = Profile.objects.create(
        user=user,
        handle=person["handle"],
        kind=kind,
        status=MembershipStatus.MEMBER,
        approved_at=approved,
        display_name=person["display_name"],
        name_kana=person["name_kana"],
        name_romaji=person["name_romaji"],
        former_surname=rng.choice(["", "", "", "小野", "村上"]),
        joined_year=joined,
        left_year=left,
        organisation=organisation,
        job_title=title,
        location=rng.choice(LOCATIONS),
        bio=BIOS[index % len(BIOS)],
        open_to=rng.sample(OpenTo.values, rng.randint(0, 3)),
        links=[f"https://example.jp/{person['handle']}"] if rng.random() < 0.3 else [],
        hidden_from_directory=index % 13 == 5,
        public_card=index % 9 == 0,
        public_headline=f"{joined}年入社・{title}" if index % 9 == 0 else "",
        is_supporter=index % 6 == 0,
        supporter_since=approved if index % 6 == 0 else None,
        # Varied privacy choices: some share everything with members, some keep work or years to themselves.
        work_audience=rng.choice([Audience.MEMBERS, Audience.MEMBERS, Audience.ALUMNI, Audience.PRIVATE]),
        career_years_audience=rng.choice(
            [Audience.MEMBERS, Audience.MEMBERS, Audience.MEMBERS, Audience.PRIVATE]
        ),
        location_audience=rng.choice([Audience.MEMBERS, Audience.PRIVATE, Audience.EMPLOYEES]),
        former_surname_audience=rng.choice([Audience.MEMBERS, Audience.PRIVATE]),
        links_audience=rng.choice([Audience.MEMBERS, Audience.PRIVATE]),
    )
    profile.departments.set(rng.sample(departments, rng.randint(1, 3)))
    profile.sites.set(rng.sample(sites, rng.randint(0, 2)))
    profile.expertise.set(rng.sample(EXPERTISE, rng.randint(1, 4)))
    Profile.objects.filter(pk=profile.pk).update(created_at=approved)
    return profile


PENDING = [
    (
        "井口 真理子",
        "いぐち まりこ",
        "Mariko Iguchi",
        2004,
        2019,
        "マーケティング部, 大阪営業部",
        "NPO法人 食のみらい",
    ),
    (
        "長谷川 亮介",
        "はせがわ りょうすけ",
        "Ryosuke Hasegawa",
        1998,
        2015,
        "生産技術部（静岡工場）",
        "株式会社かもめ機械",
    ),
    ("岡田 ひかり", "おかだ ひかり", "Hikari Okada", 2012, 2023, "品質保証部", "フリーランス"),
]


def _applicant(email, full_name, kana, romaji, joined, left, departments, organisation):
    user = _user(email)
    if not Application.objects.filter(user=user).exists():
        from .membership import submit_application

        submit_application(
            Application(
                user=user,
                kind=MemberKind.ALUMNI,
                full_name=full_name,
                name_kana=kana,
                name_romaji=romaji,
                joined_year=joined,
                left_year=left,
                departments=departments,
                organisation=organisation,
                message="お世話になりました。また皆さんとつながれたら嬉しいです。",
            )
        )
    return user


def seed_members(stdout=None, count=40):
    """Create the demo members, applicants and logins. Returns the number of member profiles."""
    rng = random.Random(2026)  # deterministic: the same demo every time
    departments, sites = _org_units()
    for index in range(count):
        kind = MemberKind.EMPLOYEE if index % 5 == 1 else MemberKind.ALUMNI
        _member(rng, index, departments, sites, kind)

    member = _member(rng, 100, departments, sites, MemberKind.ALUMNI, email=DEMO_LOGINS["member"])
    Profile.objects.filter(pk=member.pk).update(hidden_from_directory=False)
    secretariat = _member(
        rng, 101, departments, sites, MemberKind.SECRETARIAT, email=DEMO_LOGINS["secretariat"]
    )
    secretariat.user.groups.add(Group.objects.get(name="Secretariat"))

    _applicant(
        DEMO_LOGINS["applicant"],
        "岡本 慎也",
        "おかもと しんや",
        "Shinya Okamoto",
        2001,
        2018,
        "東京営業部",
        "株式会社はこぶね物流",
    )
    for index, row in enumerate(PENDING):
        _applicant(f"pending{index + 1}@tsunagari.example", *row)
    total = Profile.objects.filter(status=MembershipStatus.MEMBER).count()
    if stdout:
        stdout.write(
            f"  members: {total}, pending applications: "
            f"{Application.objects.filter(status=Application.Status.PENDING).count()}"
        )
    return total


GROUPS = [
    (
        "商品開発OB・OG会",
        "theme",
        False,
        "商品開発に関わった人の集まり。新商品の話、食のトレンド、開発の悩み相談などをゆるく。",
    ),
    ("キャリア相談室", "theme", False, "転職・独立・学び直し。先輩アルムナイに気軽に相談できる場所です。"),
    (
        "起業家ネットワーク",
        "expertise",
        False,
        "会社を立ち上げたアルムナイと、これから挑戦したい人のためのグループ。",
    ),
    (
        "品質保証・食品表示の会",
        "expertise",
        False,
        "品質保証、食品表示、法規制の情報交換。最新の改正情報もここで。",
    ),
    (
        "関西アルムナイ",
        "region",
        False,
        "大阪・京都・神戸あたりに住むアルムナイの集まり。年に数回の懇親会も。",
    ),
    ("北海道つながり", "region", False, "北海道工場ゆかりの人、北海道在住の人のグループです。"),
    ("2000年代入社 同期会", "generation", False, "2000〜2009年入社の同期・同世代で近況報告しましょう。"),
    (
        "子育て・介護と仕事",
        "theme",
        True,
        "家族のことと仕事の両立について、安心して話せる非公開グループです。",
    ),
    ("海外で働く人たち", "region", False, "シンガポール、タイ、アメリカなど海外で働くアルムナイの情報交換。"),
    ("発酵研究会", "expertise", True, "研究所で発酵に携わった人の非公開グループ。論文紹介や技術の相談など。"),
]
POSTS = [
    "久しぶりに投稿します。先月、元同僚と偶然再会して、ここに登録したと聞きました。皆さんお元気ですか？",
    "新しく立ち上げた会社で、冷凍技術に詳しい方を探しています。**業務委託**でも大歓迎です。",
    "来月のキャリアフェスティバル、オンラインで参加予定です。登壇される皆さん、楽しみにしています！",
    "転職して3年、ようやく落ち着いてきました。前職で学んだ品質の考え方が今でも役立っています。",
    "大阪で小さな懇親会を企画しています。10月の金曜夜、梅田あたりでいかがでしょう。",
    "食品表示の改正について、分かりやすい資料を見つけました。https://example.jp/labeling-guide",
    "研究所時代の先輩に教わった「まず手を動かす」を、今は後輩に伝えています。",
    "子どもの夏休みの間の働き方、皆さんどう工夫していますか？",
    "シンガポールで日本の調味料がよく売れています。現地の反応を共有しますね。",
    "北海道工場の近くにできた新しいカフェ、地元の牛乳を使っていておすすめです。",
]
COMMENTS = [
    "お元気そうで何よりです！またゆっくり話しましょう。",
    "ぜひ詳しく教えてください。DMしますね。",
    "私も参加します！当日お会いできるのを楽しみにしています。",
    "わかります。最初の1年は本当に大変でしたよね。",
    "参加したいです。金曜夜なら調整できそうです。",
    "ありがとうございます、とても助かります。",
]


def _backdate(clock, obj, after):
    """Move a seeded comment or reaction to a moment between `after` and now, so the demo's activity spreads
    over the weeks its posts cover instead of all happening at seeding time. Returns the new time."""
    from django_comments_xtd.models import XtdComment

    when = after + (timezone.now() - after) * clock.uniform(0.05, 0.6)
    if isinstance(obj, XtdComment):
        XtdComment.objects.filter(pk=obj.pk).update(submit_date=when)
    else:
        type(obj).objects.filter(pk=obj.pk).update(created_at=when)
    return when


def seed_community(log=print):
    """Groups with members and moderators, posts, threaded comments and reactions (idempotent)."""
    from django.utils.text import slugify

    from .groups import join, make_moderator
    from .models import Group, Post
    from .posting import add_comment, create_post, toggle_reaction

    if Post.objects.exists():
        return {"groups": Group.objects.count(), "posts": Post.objects.count()}
    rng = random.Random(7)
    # The times of comments and reactions come from their own generator, so the content stays as it was.
    clock = random.Random(70)
    members = list(Profile.objects.members().select_related("user").order_by("pk"))
    users = [profile.user for profile in members]
    demo_member = next((u for u in users if u.email == DEMO_LOGINS["member"]), users[0])
    for index, (name, kind, private, description) in enumerate(GROUPS):
        group, _created = Group.objects.get_or_create(
            slug=slugify(name, allow_unicode=True),
            defaults={
                "name": name,
                "kind": kind,
                "is_private": private,
                "description": description,
                "status": Group.Status.ACTIVE,
            },
        )
        make_moderator(users[index % len(users)], group)
        for user in rng.sample(users, min(len(users), rng.randint(8, 18))):
            join(user, group)
            group.memberships.filter(user=user).update(state="active")
        if index < 5:
            join(demo_member, group)
            # The demo member follows two groups closely, so their notifications and weekly digest have content.
            group.memberships.filter(user=demo_member).update(state="active", follows_closely=index < 2)
    from . import ratelimit

    limits, ratelimit.LIMITS = ratelimit.LIMITS, dict.fromkeys(ratelimit.LIMITS, (10000, 1))
    try:
        groups = list(Group.objects.active().order_by("pk"))
        for index in range(len(groups) * 3):
            text = POSTS[index % len(POSTS)]
            group = groups[index % len(groups)] if index % 4 else None
            authors = [m.user for m in group.memberships.select_related("user")] if group else users
            post = create_post(
                rng.choice(authors), body=text, group=group
            )  # as a member would: followers notified
            posted_at = timezone.now() - timezone.timedelta(hours=rng.randint(1, 24 * 40))
            Post.objects.filter(pk=post.pk).update(created_at=posted_at)
            readers = authors if group else users
            for comment_text in rng.sample(COMMENTS, rng.randint(1, 3)):
                comment = add_comment(rng.choice(readers), post, comment_text)
                commented_at = _backdate(clock, comment, after=posted_at)
                if rng.random() < 0.6:
                    reply = add_comment(
                        post.author, post, "コメントありがとうございます！", parent_id=comment.pk
                    )
                    _backdate(clock, reply, after=commented_at)
                if rng.random() < 0.5 and toggle_reaction(rng.choice(readers), comment, "thanks"):
                    _backdate(clock, Reaction.objects.latest("pk"), after=commented_at)
            for reader in rng.sample(readers, min(len(readers), rng.randint(1, 6))):
                if toggle_reaction(reader, post, rng.choice(["like", "thanks", "congrats", "insightful"])):
                    _backdate(clock, Reaction.objects.latest("pk"), after=posted_at)
    finally:
        ratelimit.LIMITS = limits
    log(f"  groups: {Group.objects.count()}, posts: {Post.objects.count()}")
    return {"groups": Group.objects.count(), "posts": Post.objects.count()}


# (title, kind, body, status, public note, author: "supporter", "member" (the demo login) or "other")
IDEAS = [
    (
        "関西アルムナイで夏のバーベキュー",
        "event",
        "大阪・京都・神戸あたりに住むアルムナイで、**夏のバーベキュー**をしませんか。\n\n"
        "- 7月か8月の土曜日\n- 家族連れ歓迎\n- 会場は淀川河川敷を考えています\n\n幹事を手伝ってくれる方も募集中です。",
        "planned",
        "事務局で8月の会場を仮予約しました。詳細は来月イベントページでお知らせします。幹事に名乗り出てくださった皆さん、ありがとうございます！",
        "supporter",
    ),
    (
        "キャリア相談のメンター制度",
        "collaboration",
        "転職や独立を考えている後輩と、経験のあるアルムナイをつなぐ**メンター制度**があったら心強いと思います。\n\n"
        "月に一度、30分のオンライン面談から始めるのはどうでしょう。",
        "under_review",
        "人事部と相談を始めました。メンターの募集方法と、個人情報の扱いを検討しています。",
        "supporter",
    ),
    (
        "発酵の勉強会をオンラインで",
        "event",
        "研究所OB・OGで、発酵の基礎をおさらいする勉強会を開きたいです。家庭でできる味噌づくりの話もしたいです。",
        "done",
        "3月に第1回を開催しました（参加者42名）。レポートは「ストーリー」に掲載しています。第2回も準備中です。",
        "supporter",
    ),
    (
        "子育て世代のアルムナイのグループ",
        "group",
        "仕事と子育ての両立について、気軽に話せるグループがほしいです。保育園探しや復職の経験を共有できたら。",
        "done",
        "「子育て・介護と仕事」グループとして開設しました。非公開グループなので、参加をリクエストしてください。",
        "other",
    ),
    (
        "工場見学ツアーの復活",
        "event",
        "静岡工場の見学ツアーを、アルムナイとその家族向けに復活させてほしいです。子どもに昔の職場を見せたい！",
        "under_review",
        "静岡工場と安全面・受け入れ人数を確認しています。秋ごろの実施を目標に検討中です。",
        "member",
    ),
    (
        "アルムナイ向けの社内食堂ランチ会",
        "event",
        "本社の社員食堂で、現役社員とアルムナイが一緒にランチする会があったら楽しそうです。",
        "declined",
        "ご提案ありがとうございます。社員食堂は入館手続きと衛生管理の都合で、社外の方の利用が難しい状況です。代わりに近くの会場での交流ランチを検討します。",
        "other",
    ),
    (
        "地域食材を使った共同商品開発",
        "collaboration",
        "起業したアルムナイと会社で、地域の食材を使った商品を**共同開発**できないでしょうか。"
        "北海道の乳製品や静岡のお茶など、アルムナイのネットワークを生かせると思います。",
        "new",
        "",
        "supporter",
    ),
    (
        "シンガポールでの交流会",
        "event",
        "東南アジアで働くアルムナイが増えています。シンガポールで小さな交流会を開けたら嬉しいです。",
        "new",
        "",
        "other",
    ),
]
IDEA_COMMENTS = [
    "いいですね！ぜひ参加したいです。",
    "お手伝いできることがあれば声をかけてください。",
    "家族も一緒に行けると嬉しいです。",
    "前の職場の仲間に会えるのが楽しみです。",
    "オンライン参加もできると助かります。",
]


def seed_ideas(log=print):
    """Ideas on the board in every status, with the secretariat's notes, votes and threaded comments
    (idempotent: does nothing when there are ideas already). At least two ideas come from supporters."""
    from . import ratelimit
    from .ideas import propose_idea, set_status, toggle_vote
    from .models import Idea
    from .posting import add_comment

    if Idea.objects.exists():
        return {"ideas": Idea.objects.count()}
    rng = random.Random(8)
    clock = random.Random(80)  # when the comments were written (see _backdate)
    members = list(Profile.objects.members().select_related("user").order_by("pk"))
    supporters = [p.user for p in members if p.is_supporter and p.kind != MemberKind.SECRETARIAT]
    demo_member = next((p.user for p in members if p.user.email == DEMO_LOGINS["member"]), None)
    secretariat = next((p.user for p in members if p.user.email == DEMO_LOGINS["secretariat"]), None)
    others = [
        p.user
        for p in members
        if not p.is_supporter and p.kind != MemberKind.SECRETARIAT and p.user != demo_member
    ]
    if not (supporters and others and secretariat):
        log("  ideas: skipped (seed the members first)")
        return {"ideas": 0}
    voters = [p.user for p in members if p.kind != MemberKind.SECRETARIAT]
    limits, ratelimit.LIMITS = ratelimit.LIMITS, dict.fromkeys(ratelimit.LIMITS, (10000, 1))
    try:
        for index, (title, kind, body, status, note, by) in enumerate(IDEAS):
            if by == "member" and demo_member is not None:
                author = demo_member
            elif by == "supporter":
                author = supporters[index % len(supporters)]
            else:
                author = others[(index * 5) % len(others)]
            idea = propose_idea(author, title=title, body=body, kind=kind)
            proposed_at = timezone.now() - timezone.timedelta(days=3 + index * 9, hours=rng.randint(0, 20))
            Idea.objects.filter(pk=idea.pk).update(created_at=proposed_at)
            for voter in rng.sample([u for u in voters if u != author], rng.randint(3, 18)):
                toggle_vote(voter, idea, vote=True)
            commenters = rng.sample([u for u in voters if u != author], 2)
            for commenter, text in zip(commenters, rng.sample(IDEA_COMMENTS, 2), strict=True):
                comment = add_comment(commenter, idea, text)
                commented_at = _backdate(clock, comment, after=proposed_at)
                if rng.random() < 0.6:
                    reply = add_comment(
                        author, idea, "ありがとうございます！一緒に進めましょう。", parent_id=comment.pk
                    )
                    _backdate(clock, reply, after=commented_at)
            if status != Idea.Status.NEW:
                set_status(secretariat, idea, status, note)
    finally:
        ratelimit.LIMITS = limits
    log(f"  ideas: {Idea.objects.count()}, votes: {sum(Idea.objects.values_list('vote_count', flat=True))}")
    return {"ideas": Idea.objects.count()}


ANNOUNCEMENTS = [
    # (title, body, days from now to publish (None: published now), days pinned after publishing)
    (
        "アルムナイ交流会2026のお知らせ",
        "今年も**アルムナイ交流会**を開催します。\n\n"
        "- 日時：11月の土曜日 午後\n- 会場：本社ホール（オンライン参加もできます）\n\n"
        "詳しくは「イベント」のページをご覧ください。皆さんにお会いできるのを楽しみにしています。",
        None,
        14,
    ),
    (
        "年末年始の事務局休業について",
        "12月28日から1月4日まで、事務局はお休みをいただきます。"
        "この間にいただいたお問い合わせや入会申請には、1月5日から順にお返事します。",
        3,
        7,
    ),
]


def seed_announcements(log=print):
    """One announcement published and pinned for two weeks, one scheduled a few days ahead, both by the
    secretariat's demo login (idempotent: announcements are found by title)."""
    from .announcements import publish
    from .models import Announcement

    author = get_user_model().objects.filter(email=DEMO_LOGINS["secretariat"]).first()
    if author is None:
        log("  announcements: skipped (seed the members first)")
        return {"announcements": 0}
    now = timezone.now()
    for title, body, publish_in, pinned_days in ANNOUNCEMENTS:
        if Announcement.objects.filter(title=title).exists():
            continue
        publish_at = now + timezone.timedelta(days=publish_in) if publish_in is not None else None
        announcement = Announcement.objects.create(
            title=title,
            body=body,
            author=author,
            publish_at=publish_at,
            pinned_until=(publish_at or now) + timezone.timedelta(days=pinned_days),
        )
        if publish_at is None:
            publish(announcement)
    log(f"  announcements: {Announcement.objects.count()}")
    return {"announcements": Announcement.objects.count()}
