# Prose: sentences stay whole so editors can read and change them; Japanese counts double in line width.
# ruff: noqa: E501
"""Words for the home page and the story index, in Japanese and English."""

HOME = {
    "ja": {
        "title": "つながり",
        "hero_title": "会社を離れても、つながりは続く。",
        "hero_lead": (
            "「つながり」は、ひなた食品の卒業生と現役社員のためのコミュニティです。"
            "近況を伝え合い、知恵を持ち寄り、ときには一緒に新しい仕事を始める。ここから、もう一度出会いましょう。"
        ),
        "join_title": "卒業生も、いま働く人も。つながりに参加しませんか",
        "join_text": (
            "ひなた食品に在籍したことのある方、現在働いている方なら、どなたでも登録できます。"
            "登録後、事務局が在籍情報を確認してから、会員ページやグループ、イベントをご利用いただけます。"
        ),
        "search_description": (
            "ひなた食品の卒業生（アルムナイ）と現役社員のコミュニティ「つながり」。"
            "卒業生インタビュー、イベントレポート、協業のストーリーを紹介します。"
        ),
    },
    "en": {
        "title": "Tsunagari",
        "hero_title": "You left the company. The connection stays.",
        "hero_lead": (
            "Tsunagari is the community for alumni and current employees of Hinata Foods. Share your news, pool what you "
            "know, and sometimes start something new together. This is where we meet again."
        ),
        "join_title": "Alumni or employee: join Tsunagari",
        "join_text": (
            "Anyone who has worked at Hinata Foods, or works there now, can sign up. Once the Alumni Office has confirmed "
            "your employment record, members' pages, groups and events are open to you."
        ),
        "search_description": (
            "Tsunagari, the community of Hinata Foods alumni and employees: alumni interviews, event reports and "
            "stories of collaboration."
        ),
    },
}

STORY_INDEX = {
    "ja": {
        "title": "ストーリー",
        "intro": (
            "卒業生と現役社員の“いま”を伝えるインタビュー、イベントのレポート、"
            "会社の外と内から生まれた協業のストーリーをお届けします。"
        ),
        "search_description": "ひなた食品の卒業生と現役社員のインタビュー、イベントレポート、協業のストーリー。",
    },
    "en": {
        "title": "Stories",
        "intro": (
            "Interviews with alumni and employees, reports from our events, and collaborations born between people "
            "inside and outside the company."
        ),
        "search_description": "Interviews, event reports and collaborations from the Hinata Foods alumni community.",
    },
}
