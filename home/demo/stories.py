# Prose: sentences stay whole so editors can read and change them; Japanese counts double in line width.
# ruff: noqa: E501
"""The demo stories: interviews, event reports and collaborations from the fictional Hinata Foods (ひなた食品).

Every company, person, product and address here is invented for the demo; web addresses use example domains.
Four stories carry an English version, so the English site has something to show for each kind.
"""

from datetime import date

from .spec import (
    GalleryImage,
    Person,
    Story,
    Text,
    bullet_list,
    heading,
    image,
    link,
    paragraph,
    pull_quote,
    qa,
)

INTERVIEWEE, INTERVIEWER, SPEAKER, COLLABORATOR = "interviewee", "interviewer", "speaker", "collaborator"

# People who appear in more than one story.
SATO = Person(
    INTERVIEWEE,
    "佐藤 美咲",
    "2009年入社・元商品開発部／現 株式会社ミドリノ 代表取締役",
    "portrait-sato",
    "Misaki Sato",
    "Joined 2009, former Product Development / now CEO, Midorino Inc.",
)
TAKAHASHI = Person(
    INTERVIEWEE,
    "高橋 健太",
    "2005年入社・元営業本部 課長／キャリアコーチを経て2025年再入社・現 人事部 キャリア開発グループ",
    "portrait-takahashi",
    "Kenta Takahashi",
    "Joined 2005, former sales manager / career coach / rejoined 2025, HR Career Development",
)
NAKAMURA = Person(
    INTERVIEWEE,
    "中村 由紀",
    "2012年入社・人事部 アルムナイ事務局 リーダー",
    "portrait-nakamura",
    "Yuki Nakamura",
    "Joined 2012, HR, lead of the Alumni Office",
)
MORI = Person(
    INTERVIEWEE,
    "森 拓也",
    "2018年入社・人事部 アルムナイ事務局",
    "portrait-mori",
    "Takuya Mori",
    "Joined 2018, HR, Alumni Office",
)
ISHIDA = Person(
    INTERVIEWER,
    "石田 遥",
    "つながり編集部（人事部 アルムナイ事務局）",
    "portrait-ishida",
    "Haruka Ishida",
    "Tsunagari editorial team (HR, Alumni Office)",
)
MATSUDA = Person(
    INTERVIEWER,
    "松田 千尋",
    "フリーランスライター（2011年入社・元広報部）",
    "portrait-matsuda",
    "Chihiro Matsuda",
    "Freelance writer (joined 2011, former Corporate Communications)",
)
FUJITA = Person(
    COLLABORATOR,
    "藤田 翔太",
    "2010年入社・元冷凍食品事業部 物流企画課／現 株式会社ハコブネ・ロジ 代表取締役",
    "portrait-fujita",
    "Shota Fujita",
    "Joined 2010, former Frozen Foods logistics planning / now CEO, Hakobune Logi Inc.",
)
YOSHIDA = Person(
    COLLABORATOR,
    "吉田 亮",
    "2015年入社・研究開発センター 調味料開発チーム",
    "portrait-yoshida",
    "Ryo Yoshida",
    "Joined 2015, R&D Centre, seasoning development",
)


def as_role(person, role):
    return Person(role, person.name, person.title, person.photo, person.name_en, person.title_en)


# --- Interviews ------------------------------------------------------------------------------------------

PLANT_BASED = Story(
    kind="interview",
    slug="plant-based-startup-midorino",
    published_date=date(2026, 2, 16),
    hero="hero-midorino",
    people=(SATO, ISHIDA),
    ja=Text(
        title="“おいしい”から始める植物性食品 ― 商品開発の12年が起業の土台に",
        intro=(
            "ひなた食品の商品開発部で冷凍惣菜を手がけた佐藤美咲さんは、2021年に植物性食品のスタートアップ、"
            "株式会社ミドリノを創業しました。会社員時代の経験は起業にどう生きたのか。"
            "そしてアルムナイとのつながりが何を変えたのかを聞きました。"
        ),
        tags=("起業", "食品開発", "キャリア", "植物性食品"),
        search_description="元商品開発部・佐藤美咲さんに、植物性食品のスタートアップ「ミドリノ」創業までの道のりを聞きました。",
        body=[
            paragraph(
                "東京・蔵前にあるミドリノのキッチンを訪ねると、大豆ミートを炒める香ばしい匂いが迎えてくれました。"
                "壁一面に貼られた試作メモは、どこか古巣の開発部を思わせます。"
            ),
            qa(
                "ひなた食品では、どんな仕事をしていたのですか。",
                (
                    "佐藤",
                    [
                        "入社してから12年間、ずっと商品開発部でした。最初の5年は冷凍の和惣菜、後半はお弁当向けの小さなおかずの担当です。",
                        "工場のラインに合わせてレシピを何十回も作り直したり、解凍したときの食感を守るために衣の配合を変えたり。"
                        "地味な作業の積み重ねでしたが、いま思えば<b>“量産できるおいしさ”</b>を体で覚えた時間でした。",
                    ],
                ),
            ),
            qa(
                "植物性食品で起業しようと思ったきっかけは？",
                (
                    "佐藤",
                    [
                        "社内の新規事業提案で、大豆ミートの惣菜を出したことがあるんです。試食会の評判はよかったのですが、"
                        "当時は市場が小さく、事業化は見送りになりました。",
                        "悔しさもありましたが、それ以上に「これはきっと必要とされる」という確信が残りました。"
                        "家族に乳製品のアレルギーがあって、食卓で同じものを食べられないもどかしさを知っていたことも大きかったですね。",
                    ],
                ),
                ("編集部", "退職を伝えたとき、周りの反応はいかがでしたか。"),
                (
                    "佐藤",
                    "上司には「いつでも相談に来い」と言われました。社交辞令だと思っていたら、本当に何度も相談に乗ってもらうことになるんですが（笑）。",
                ),
            ),
            heading("会社の看板がなくなって、初めてわかったこと"),
            qa(
                "起業して、最初にぶつかった壁は何でしたか。",
                (
                    "佐藤",
                    [
                        "製造をお願いできる工場が見つからないことです。ひなた食品にいた頃は、工場に電話すれば試作ラインを押さえてもらえました。"
                        "でも社名の知られていない会社が「冷凍で、植物性で、小ロットで」とお願いしても、なかなか相手にしてもらえません。",
                    ],
                ),
                ("編集部", "何社くらいに声をかけたのでしょう。"),
                (
                    "佐藤",
                    [
                        "二十社以上です。最後に引き受けてくれたのは、北関東の小さな食品工場でした。"
                        "決め手は、私が持っていった工程表と品質管理の資料だったそうです。"
                        "「この書き方は大手にいた人だね」と言われて、会社で叩き込まれたことが信用になるんだと実感しました。",
                    ],
                ),
            ),
            pull_quote(
                "会社で当たり前にやっていた品質管理の書類が、起業してからは一番の名刺になりました。",
                "佐藤 美咲",
            ),
            image("midorino-kitchen", "ミドリノのキッチンで試作中の、大豆と雑穀の惣菜（イメージ）"),
            qa(
                "ひなた食品での経験で、いまも生きていることは？",
                (
                    "佐藤",
                    [
                        "お客様の声を読む習慣です。開発部では毎週、お客様相談室に寄せられた声を全員で読む時間がありました。"
                        "「味が濃い」「量が多すぎる」といった一言から、改良のヒントを探すんです。",
                        "ミドリノでも、通販のレビューや店頭での声を、毎週社員全員で読んでいます。小さな会社こそ、この習慣が効くと思います。",
                    ],
                ),
            ),
            qa(
                "アルムナイ・ネットワーク「つながり」に参加して、変わったことはありますか。",
                (
                    "佐藤",
                    [
                        "物流で困っていたときに掲示板で相談したら、元同期が冷凍物流のスタートアップをやっていると教えてもらいました。"
                        "いまは配送の一部をお願いしています。会社を辞めた人同士が、会社の外でまた助け合える。これは想像していなかったことでした。",
                        "古巣の開発部の若手から「植物性の商品を企画したいので話を聞かせてほしい」と連絡をもらったのもうれしかったですね。"
                        "辞めた人間が、いまの社員の役に立てる場所があるのはいいことだと思います。",
                    ],
                ),
            ),
            qa(
                "最後に、これから挑戦したいことを教えてください。",
                (
                    "佐藤",
                    [
                        "学校給食です。アレルギーのある子もない子も、同じ献立を同じようにおいしく食べられる。"
                        "そういう給食を、自治体と一緒につくるのが次の目標です。",
                        "量産と衛生管理の壁は高いですが、それこそ、ひなた食品で学んだことが一番生きる場面だと思っています。",
                    ],
                ),
            ),
            paragraph(
                "取材の最後に、開発中の「大豆と雑穀のそぼろ」を試食させてもらいました。"
                "しっかりした食感に、しょうがの効いたやさしい味。ひなた食品のお弁当おかずを思い出す、どこか懐かしい味でした。",
                "（聞き手・構成：つながり編集部）",
            ),
        ],
    ),
    en=Text(
        title="Plant-based food that starts with “delicious”: twelve years in product development, then a startup",
        intro=(
            "Misaki Sato spent twelve years developing frozen ready meals at Hinata Foods before founding Midorino, "
            "a plant-based food startup, in 2021. We asked how her years at the company shaped the business, "
            "and what changed once she reconnected with fellow alumni."
        ),
        tags=("startups", "product development", "careers"),
        search_description="Former product developer Misaki Sato on founding the plant-based food startup Midorino.",
        body=[
            paragraph(
                "Walk into Midorino's kitchen in Kuramae, Tokyo, and you are greeted by the smell of soy mince in a hot pan. "
                "A wall covered in test-batch notes looks a lot like the product development floor she left behind."
            ),
            qa(
                "What did you do at Hinata Foods?",
                (
                    "Sato",
                    [
                        "I was in Product Development for all twelve years: five on frozen Japanese side dishes, then bite-sized dishes for bento boxes.",
                        "I rewrote recipes dozens of times to suit the factory lines and changed batter recipes so the texture survived thawing. "
                        "It was patient, unglamorous work, but it taught me <b>how to make food that stays delicious at scale</b>.",
                    ],
                ),
            ),
            qa(
                "Why start a plant-based food company?",
                (
                    "Sato",
                    [
                        "I once pitched soy-based ready meals in the company's new-business programme. The tasting went well, "
                        "but the market was small then and the idea was shelved.",
                        "I was disappointed, but mostly I was sure people would need it. Someone in my family is allergic to dairy, "
                        "so I knew how frustrating it is when you can't all eat the same meal.",
                    ],
                ),
                ("Editors", "How did people react when you resigned?"),
                (
                    "Sato",
                    "My manager said, “Come and talk any time.” I thought he was being polite. I ended up taking him up on it many times.",
                ),
            ),
            heading("What I learned once the company name was gone"),
            qa(
                "What was the first wall you hit?",
                (
                    "Sato",
                    [
                        "Finding a factory. At Hinata Foods I could call a plant and book a trial line. "
                        "As an unknown company asking for “frozen, plant-based, small batches”, nobody would take my calls.",
                    ],
                ),
                ("Editors", "How many did you ask?"),
                (
                    "Sato",
                    [
                        "More than twenty. The one that finally said yes was a small plant in the northern Kanto region. "
                        "They told me it was my process charts and quality documents that convinced them: "
                        "“You write these like someone from a big company.” That is when I realised what I had learned was worth trust.",
                    ],
                ),
            ),
            pull_quote(
                "The quality paperwork I took for granted at the company became my best business card.",
                "Misaki Sato",
            ),
            image(
                "midorino-kitchen",
                "Soy and grain side dishes being tested in Midorino's kitchen (illustration)",
            ),
            qa(
                "What from Hinata Foods do you still use every day?",
                (
                    "Sato",
                    [
                        "Reading customer feedback. Every week the development team read the comments sent to customer services together, "
                        "looking for improvements in a single line like “too salty” or “too big a portion”.",
                        "At Midorino the whole team reads online reviews and shop-floor comments every week. "
                        "The smaller the company, the more that habit pays off.",
                    ],
                ),
            ),
            qa(
                "Has joining the Tsunagari alumni network changed anything?",
                (
                    "Sato",
                    [
                        "When deliveries were giving me headaches I asked on the message board, and learned that someone from my intake "
                        "runs a frozen-logistics startup. They now handle part of our deliveries. I never expected former colleagues "
                        "to end up helping each other outside the company.",
                        "I was also delighted when young developers from my old department asked to hear about plant-based products. "
                        "It is good that people who left can still be useful to the people who stayed.",
                    ],
                ),
            ),
            qa(
                "Finally, what's next?",
                (
                    "Sato",
                    [
                        "School lunches: one menu that children with and without allergies can enjoy equally. "
                        "I want to build that with local governments.",
                        "Mass production and hygiene make it hard, which is exactly where what I learned at Hinata Foods helps most.",
                    ],
                ),
            ),
            paragraph(
                "Before we left, we tasted the soy and grain soboro still in development: a hearty texture and a gentle, "
                "ginger-bright flavour that brought back the bento dishes of Hinata Foods.",
                "(Interview and text: Tsunagari editorial team)",
            ),
        ],
    ),
)

BOOMERANG = Story(
    kind="interview",
    slug="boomerang-career-coach",
    published_date=date(2026, 4, 8),
    hero="hero-boomerang",
    people=(TAKAHASHI, ISHIDA),
    ja=Text(
        title="一度外に出たから見えた“働く”のかたち ― キャリアコーチからブーメラン入社した高橋さん",
        intro=(
            "営業課長として量販店を担当していた高橋健太さんは、2019年に退職してキャリアコーチとして独立。"
            "そして2025年、人事部のキャリア開発グループに“出戻り”しました。"
            "外で5年間働いたからこそ見えたこと、戻る決め手になった一本の電話について聞きました。"
        ),
        tags=("キャリア", "転職", "ブーメラン入社"),
        search_description="営業課長からキャリアコーチへ、そして再入社。高橋健太さんにブーメラン入社の理由を聞きました。",
        body=[
            paragraph(
                "人事部のフロアの一角にある小さな面談室。ここで高橋健太さんは、年に200人ほどの社員とキャリアについて話しています。"
                "6年前まで、同じビルの別のフロアで営業課長をしていた人です。"
            ),
            qa(
                "営業課長から、なぜキャリアコーチに？",
                (
                    "高橋",
                    [
                        "課長になって一番時間を使ったのが、部下との面談でした。数字の話より「この先どうしたいか」という話のほうが、"
                        "なぜか自分も相手も熱くなる。40歳を前に、それを仕事にしたいと思うようになりました。",
                        "社内でその道を探すこともできたと思います。でも当時の自分は、一度外の世界で腕試しをしたかったんです。",
                    ],
                ),
            ),
            qa(
                "独立してからの5年間は、いかがでしたか。",
                (
                    "高橋",
                    [
                        "最初の1年は本当に仕事がなくて、貯金が減っていくのを見ながら資格の勉強をしていました（笑）。"
                        "転機は、同業の仲間と始めた中小企業向けの研修です。製造業や小売業の現場で、若手が辞めていく理由を何百人分も聞きました。",
                        "そこで気づいたのは、辞める理由の多くが「会社が嫌い」ではなく、"
                        "「この会社で、この先の自分が想像できない」だということ。ひなた食品にいたときの、自分の気持ちそのものでした。",
                    ],
                ),
            ),
            heading("戻る決め手になった、一本の電話"),
            qa(
                "再入社のきっかけは？",
                (
                    "高橋",
                    [
                        "人事部の元同僚から電話があったんです。「社員のキャリア面談の仕組みを作り直したい。外で見てきたことを、うちでやってみないか」と。"
                        "正直、迷いました。一度辞めた会社に戻るのは、どこか負けたような気がして。",
                        "でも話を聞くうちに、会社の側が“辞めた人の経験”を本気で必要としていることがわかった。"
                        "それなら戻るのは負けではなく、経験を持ち帰ることだと思えたんです。",
                    ],
                ),
            ),
            pull_quote("戻ることは負けではなく、外で得た経験を持ち帰ること。", "高橋 健太"),
            image("boomerang-talk", "外に出て、また戻ってくる。キャリアの道は一本道ではない（イメージ）"),
            qa(
                "戻ってみて、会社は変わっていましたか。",
                (
                    "高橋",
                    [
                        "変わったところと変わらないところ、両方ありますね。在宅勤務や副業の制度は、辞めた頃には考えられなかったものです。",
                        "一方で、工場の人たちが品質に向ける真剣さは昔のまま。懐かしい顔に「おかえり」と言われたときは、さすがにぐっときました。",
                    ],
                ),
            ),
            qa(
                "いまは、どんな仕事をしていますか。",
                (
                    "高橋",
                    [
                        "社員とのキャリア面談です。社内で異動したい人、資格を取りたい人、なかには退職を考えている人もいます。",
                        "辞める相談にも乗るんです、と言うと驚かれます。でも気持ちよく送り出せば、その人はいつか別の形で会社とつながってくれる。"
                        "僕自身がその証拠ですから。",
                    ],
                ),
            ),
            qa(
                "ブーメラン入社を考えている人に、ひと言お願いします。",
                (
                    "高橋",
                    [
                        "迷ったら、まずは「つながり」のイベントに顔を出してみてください。現役社員と話すと、いまの会社の空気がよくわかります。"
                        "戻るかどうかは、それから決めても遅くありません。",
                    ],
                ),
            ),
            paragraph(
                "ひなた食品では2024年度から、退職者の再入社を受け付ける「カムバック採用」を正式な制度として設けています。"
                "詳しくは会員ページの「キャリア」グループで、事務局がご案内しています。",
                "（聞き手・構成：つながり編集部）",
            ),
        ],
    ),
)

WHY_WE_BUILT = Story(
    kind="interview",
    slug="why-we-built-tsunagari",
    published_date=date(2026, 1, 20),
    hero="hero-why-tsunagari",
    people=(NAKAMURA, MORI, MATSUDA),
    ja=Text(
        title="辞めた人も、いまの仲間も。アルムナイ・ネットワーク「つながり」をつくった理由",
        intro=(
            "2026年1月、ひなた食品の卒業生と現役社員が集うアルムナイ・ネットワーク「つながり」が本格的に始動しました。"
            "立ち上げを担った人事部アルムナイ事務局の中村由紀さんと森拓也さんに、ネットワークをつくった理由と、これからについて聞きました。"
        ),
        tags=("アルムナイ", "事務局", "人事"),
        search_description="人事部アルムナイ事務局の2人に、卒業生と現役社員のネットワーク「つながり」をつくった理由を聞きました。",
        body=[
            paragraph(
                "聞き手は、自身もひなた食品の卒業生で、いまはフリーランスのライターとして働く松田千尋さん。"
                "かつての同僚たちが始めた新しい取り組みを、卒業生の目線で取材しました。"
            ),
            qa(
                "人事部が退職者のネットワークをつくるのは、珍しい気がします。きっかけは何だったのでしょう。",
                (
                    "中村",
                    [
                        "採用面接で「以前ひなた食品にいた方の話を聞いて応募しました」と言われることが、ここ数年でとても増えたんです。",
                        "辞めた人が、社外でいちばん熱心な応援団になってくれている。だったら、その関係を偶然に任せず、"
                        "きちんと続けられる場所をつくろうと考えました。",
                    ],
                ),
            ),
            qa(
                "社内の反応はどうでしたか。",
                ("中村", "最初は「辞めた人のために、なぜ会社がお金を使うのか」という声もありました。"),
                (
                    "森",
                    "それで、数字を集めたんですよね。卒業生経由の採用や、取引につながった件数を過去5年分さかのぼって調べたら、想像以上に多かった。",
                ),
                (
                    "中村",
                    "その資料を経営会議に出したら、空気が変わりました。いまでは社長がいちばんのファンです（笑）。",
                ),
            ),
            heading("大事にしたのは「安心して話せる場所」"),
            qa(
                "サイトづくりで、いちばん気をつけたことは？",
                (
                    "森",
                    [
                        "個人情報の扱いです。卒業生のなかには、いまの勤務先を知られたくない人もいます。",
                        "プロフィールの項目ごとに「会員全員」「卒業生だけ」「自分だけ」と公開範囲を選べるようにして、初期設定はいちばん狭い範囲にしました。",
                    ],
                ),
                (
                    "中村",
                    "会社の宣伝の場にはしない、とも決めました。現役社員も卒業生も、同じ一人の会員として参加します。",
                ),
            ),
            pull_quote(
                "辞めた人が、いちばん熱心な応援団になってくれている。その関係を偶然に任せたくなかった。",
                "中村 由紀",
            ),
            image(
                "tsunagari-workshop",
                "立ち上げ前のワークショップでは、卒業生30人と一緒に必要な機能を話し合った（イメージ）",
            ),
            qa(
                "昨年10月の試験運用から、会員は少しずつ増えています。手応えはいかがですか。",
                (
                    "森",
                    [
                        "意外だったのは、グループ機能がいちばん使われていることです。"
                        "「元・千歳工場の会」や「子育て中の卒業生の会」など、会員が自分たちでグループをつくって、勝手に盛り上がっている。"
                        "事務局はほとんど何もしていません。",
                    ],
                ),
                ("中村", "それが理想なんです。事務局は場を整えるだけで、主役は会員のみなさんですから。"),
            ),
            qa(
                "これから、どんなネットワークにしていきたいですか。",
                (
                    "中村",
                    [
                        "卒業生と現役社員が、一緒に何かを生み出す場所にしたいですね。卒業生が起業した会社との協業も、すでにいくつか始まっています。"
                        "年に一度のキャリアフェスティバルも、今年は規模を広げて開催する予定です。",
                    ],
                ),
                ("森", "僕は、辞める人に「つながりで会いましょう」と言える会社にしたいです。"),
            ),
            paragraph(
                "会員登録は、ひなた食品に在籍したことのある方と、現在働いている方ならどなたでもできます。"
                "登録後、事務局が在籍情報を確認してから、グループやイベントをご利用いただけます。",
                "（聞き手・文：松田 千尋）",
            ),
        ],
    ),
    en=Text(
        title="For those who left and those who stayed: why we built the Tsunagari alumni network",
        intro=(
            "In January 2026 Tsunagari, the network for Hinata Foods alumni and current employees, opened in full. "
            "We asked Yuki Nakamura and Takuya Mori of the HR Alumni Office why they built it and where it goes next."
        ),
        tags=("alumni", "alumni office", "HR"),
        search_description="The HR Alumni Office on why Hinata Foods built Tsunagari, a network for alumni and employees.",
        body=[
            paragraph(
                "Our interviewer, Chihiro Matsuda, is a Hinata Foods alumna herself and now works as a freelance writer. "
                "She looked at what her former colleagues had started through an alumna's eyes."
            ),
            qa(
                "It's unusual for an HR department to build a network for people who have left. How did it start?",
                (
                    "Nakamura",
                    [
                        "In recent years more and more applicants told us at interview, “I applied because someone who used to work "
                        "at Hinata Foods told me about it.”",
                        "People who had left were our keenest supporters. We wanted a proper place to keep that relationship going, "
                        "rather than leaving it to chance.",
                    ],
                ),
            ),
            qa(
                "How did the rest of the company react?",
                (
                    "Nakamura",
                    "At first some asked why the company should spend money on people who had left.",
                ),
                (
                    "Mori",
                    "So we gathered numbers. We went back five years to count hires and business deals that came through alumni, and there were far more than we expected.",
                ),
                (
                    "Nakamura",
                    "When we took that to the management meeting, the mood changed. Now the president is our biggest fan.",
                ),
            ),
            heading("A place where people feel safe to talk"),
            qa(
                "What mattered most when building the site?",
                (
                    "Mori",
                    [
                        "Personal information. Some alumni don't want their current employer known.",
                        "For every profile field you choose who can see it: all members, alumni only or only you. "
                        "Everything starts at the narrowest setting.",
                    ],
                ),
                (
                    "Nakamura",
                    "We also decided it would never be a place for company advertising. Employees and alumni take part as members on equal terms.",
                ),
            ),
            pull_quote(
                "People who left had become our keenest supporters. We didn't want to leave that to chance.",
                "Yuki Nakamura",
            ),
            image(
                "tsunagari-workshop",
                "Before launch, thirty alumni helped decide which features the site needed (illustration)",
            ),
            qa(
                "Membership has grown steadily since the pilot began last October. How does it feel?",
                (
                    "Mori",
                    [
                        "The surprise is that groups are the most used feature. Members start their own, like “Former Chitose plant” "
                        "or “Alumni raising children”, and they take off on their own. The office hardly does anything.",
                    ],
                ),
                ("Nakamura", "That is the ideal. The office sets the stage; the members are the stars."),
            ),
            qa(
                "What do you want the network to become?",
                (
                    "Nakamura",
                    [
                        "A place where alumni and employees create things together. Several collaborations with companies founded "
                        "by alumni have already started, and this year's Career Festival will be bigger than ever.",
                    ],
                ),
                ("Mori", "I want us to be a company that can say to people leaving, “See you on Tsunagari.”"),
            ),
            paragraph(
                "Anyone who has worked at Hinata Foods, or works there now, can sign up. After the office confirms your "
                "employment record, you can join groups and events.",
                "(Interview and text: Chihiro Matsuda)",
            ),
        ],
    ),
)

FACTORY_DIALOGUE = Story(
    kind="interview",
    slug="factory-dialogue-chitose",
    published_date=date(2026, 9, 10),
    hero="hero-factory-dialogue",
    people=(
        Person(
            INTERVIEWEE,
            "岡本 勇",
            "1988年入社・元 千歳工場 工場長／現 食品加工アドバイザー",
            "portrait-okamoto",
        ),
        Person(INTERVIEWEE, "木村 彩花", "2021年入社・冷凍食品事業部 千歳工場 生産技術課", "portrait-kimura"),
        MATSUDA,
    ),
    ja=Text(
        title="工場の“当たり前”を外から見る ― 元工場長と若手技術者の対談",
        intro=(
            "北海道の千歳工場で長く工場長を務め、退職後は地元の小さな食品メーカーを支援する岡本勇さん。"
            "同じ工場で生産ラインの改善に取り組む、入社5年目の木村彩花さん。"
            "「つながり」の工場OB・OGグループで出会ったふたりに、世代を超えて語り合ってもらいました。"
        ),
        tags=("対談", "ものづくり", "冷凍食品", "地域"),
        search_description="元工場長と若手技術者が、工場の手順に「なぜ」を書き残す大切さを語り合いました。",
        body=[
            paragraph(
                "ふたりが初めて言葉を交わしたのは、会員向けのグループ「元・千歳工場の会」の掲示板でした。"
                "年齢差はおよそ40歳。画面越しのやりとりは、いまでは月に一度の相談会に育っています。"
            ),
            qa(
                "おふたりが知り合ったきっかけは？",
                (
                    "木村",
                    "グループにラインの写真を載せて質問したんです。ぎょうざの包み機で、夏場だけ皮が破れやすくなる原因がわからなくて。",
                ),
                (
                    "岡本",
                    "懐かしい機械の写真だったから、つい長々と返信してしまってね（笑）。湿度と、生地を休ませる時間の話を書きました。",
                ),
                ("木村", "それを試したら、本当に不良が半分になったんです。"),
            ),
            qa(
                "岡本さんは、いまどんな仕事を？",
                (
                    "岡本",
                    [
                        "道内の家族経営の食品メーカーを回って、衛生管理や生産の相談に乗っています。",
                        "大きな工場の仕組みをそのまま持ち込んでも回らないので、小さな会社に合う形に“翻訳”するのが仕事ですね。",
                    ],
                ),
            ),
            heading("「なぜそうするのか」を書き残す"),
            qa(
                "外に出て、ひなた食品の工場がどう見えるようになりましたか。",
                (
                    "岡本",
                    "手順書がしっかりしているのは本当に強みです。ただ、「なぜその手順なのか」が書かれていないものも多い。決めた人がいなくなると、理由のわからないルールだけが残ってしまう。",
                ),
                ("木村", "耳が痛いです……。実際、理由を誰も説明できない確認作業がいくつもあります。"),
                (
                    "岡本",
                    "それを責める必要はないんだよ。理由を知っている人間に聞ける場所があればいい。つながりは、その場所にもなると思う。",
                ),
            ),
            pull_quote("手順だけでなく、「なぜそうするのか」を次の世代に渡したい。", "岡本 勇"),
            image(
                "factory-online-meeting",
                "月に一度、工場OB・OGと現役技術者のオンライン相談会が開かれている（イメージ）",
            ),
            qa(
                "木村さんにとって、OB・OGと話す価値はどこにありますか。",
                (
                    "木村",
                    "失敗の歴史を聞けることです。社内の資料には成功した改善しか残りませんが、岡本さんたちは「それは昔やって失敗した」と教えてくれる。遠回りしなくて済みます。",
                ),
                ("岡本", "失敗談なら、いくらでもあるからね（笑）。"),
            ),
            qa(
                "これから一緒にやってみたいことは？",
                (
                    "木村",
                    "工場の“なぜ”を集めた、手順書の注釈づくりです。OB・OGの方に協力してもらって、理由を一つずつ書き足していきたいです。",
                ),
                (
                    "岡本",
                    "喜んで手伝うよ。それから、道内の小さなメーカーと千歳工場の見学交流もやりたいね。お互いに学べることが多いはずだから。",
                ),
            ),
            paragraph(
                "対談のあと、ふたりはさっそく注釈づくりの段取りを相談し始めました。"
                "第1弾は、ぎょうざラインの温度と湿度の管理手順から。進み具合は、グループ「元・千歳工場の会」で報告される予定です。",
                "（聞き手・文：松田 千尋）",
            ),
        ],
    ),
)

# --- Event reports ---------------------------------------------------------------------------------------

CAREER_FESTIVAL = Story(
    kind="event-report",
    slug="career-festival-2026",
    published_date=date(2026, 10, 24),
    hero="hero-career-festival",
    event_date=date(2026, 10, 17),
    is_online=True,
    people=(
        Person(
            SPEAKER,
            "岡田 誠",
            "ひなた食品株式会社 代表取締役社長",
            "portrait-okada",
            "Makoto Okada",
            "President and CEO, Hinata Foods Co., Ltd.",
        ),
        as_role(SATO, SPEAKER),
        as_role(TAKAHASHI, SPEAKER),
        as_role(FUJITA, SPEAKER),
        as_role(NAKAMURA, SPEAKER),
    ),
    gallery=(
        GalleryImage("festival-keynote", "基調講演に登壇した佐藤美咲さん", "Misaki Sato giving the keynote"),
        GalleryImage(
            "festival-panel",
            "パネルディスカッション「辞める・戻る・つながり続ける」",
            "The panel “Leaving, returning, staying connected”",
        ),
        GalleryImage(
            "festival-booths",
            "事業部ブースでは新商品の試食も",
            "Tastings of new products at the division booths",
        ),
        GalleryImage(
            "festival-networking",
            "夕方の交流会には会場参加者のほぼ全員が残った",
            "Nearly everyone in the hall stayed for the evening get-together",
        ),
        GalleryImage(
            "festival-opening", "ひなたホールの開場直後の様子", "Hinata Hall just after the doors opened"
        ),
    ),
    ja=Text(
        title="キャリアフェスティバル2026 開催レポート ― 会場とオンラインで420人が“これからの働き方”を語り合う",
        intro=(
            "10月17日、卒業生と現役社員のための「キャリアフェスティバル2026」を、東京本社のひなたホールとオンライン配信で開催しました。"
            "基調講演、パネルディスカッション、事業部ブース、交流会まで、一日の様子をお伝えします。"
        ),
        tags=("イベント", "キャリア", "キャリアフェスティバル", "起業"),
        search_description="卒業生と現役社員420人が参加したキャリアフェスティバル2026の開催レポート。",
        venue="ひなた食品 東京本社 2階 ひなたホール（東京都中央区）",  # is_online: also streamed
        body=[
            paragraph(
                "10月17日（土）、ひなた食品の卒業生と現役社員が集う「キャリアフェスティバル2026」を開催しました。"
                "3回目となる今年は、東京本社のひなたホールに約180人、オンラインに約240人が参加。"
                "北海道や九州の工場からも、多くの社員が配信で加わりました。"
            ),
            paragraph(
                "開会にあたり、代表取締役社長の岡田誠が「会社を離れた方々の経験は、ひなた食品の財産でもあります。"
                "今日は立場を忘れて、一人の仲間として話してください」と挨拶しました。"
            ),
            heading("基調講演：「量産できるおいしさ」は最強のスキル"),
            paragraph(
                "基調講演には、元商品開発部で、現在は植物性食品のスタートアップ・株式会社ミドリノを率いる佐藤美咲さんが登壇。"
                "起業直後に二十社以上の工場から断られた経験や、ひなた食品で身につけた品質管理の書類が信用につながった話に、"
                "会場からは何度も笑いと拍手が起こりました。"
            ),
            pull_quote(
                "会社の外に出て初めて、会社で身につけたことの価値がわかる。",
                "佐藤 美咲（株式会社ミドリノ 代表取締役）",
            ),
            image("festival-keynote", "基調講演に登壇した佐藤美咲さん", wide=True),
            heading("パネルディスカッション：辞める・戻る・つながり続ける"),
            paragraph(
                "午後のパネルディスカッションでは、キャリアコーチを経て再入社した人事部の高橋健太さん、"
                "冷凍物流のスタートアップ・ハコブネ・ロジを創業した藤田翔太さんが登壇し、"
                "アルムナイ事務局の中村由紀さんが進行を務めました。",
                "「辞めるときに一番怖かったのは、それまでの人間関係がゼロになることだった」という藤田さんの言葉に、"
                "高橋さんは「ゼロにならないように仕組みをつくるのが、いまの自分の仕事」と応えました。"
                "会場からは「副業として卒業生の会社を手伝うことはできるのか」といった具体的な質問も寄せられ、"
                "予定時間を20分超える熱のこもった議論になりました。",
            ),
            heading("事業部ブースと交流会"),
            paragraph(
                "ホワイエには冷凍食品事業部、研究開発センター、人事部などのブースが並びました。"
                "冷凍食品事業部のブースでは来春発売予定の新商品の試食が行われ、卒業生からは「昔の開発中の味を思い出す」という声も。"
                "人事部のキャリア相談コーナーには、一日で60件を超える相談が寄せられました。",
                "夕方からの交流会では、岡田社長の乾杯の発声のあと、職場や年次ごとのテーブルで話が弾みました。"
                "オンライン参加者向けには少人数のトークルームを用意し、会場とオンラインをつなぐ中継も行いました。",
            ),
            heading("参加者の声", "h3"),
            paragraph(
                bullet_list(
                    "「辞めてから10年。久しぶりに同期に会えて、本当に来てよかった」（2006年入社・卒業生）",
                    "「卒業生の話を聞いて、社内でもっと挑戦できることがあると気づいた」（2022年入社・営業本部）",
                    "「オンラインでも質問しやすく、地方の工場からでも参加しやすかった」（2017年入社・九州工場）",
                ),
            ),
            paragraph(
                "当日の講演とパネルディスカッションの録画は、会員ページのイベント一覧から視聴できます。"
                "ご参加いただいたみなさん、運営に協力してくださった卒業生ボランティアのみなさん、ありがとうございました。"
                "来年もお会いしましょう。",
            ),
        ],
    ),
    en=Text(
        title="Career Festival 2026: 420 people, in the hall and online, talk about the future of work",
        intro=(
            "On 17 October we held Career Festival 2026 for alumni and employees, in Hinata Hall at our Tokyo head office "
            "and online. Here is the day, from the keynote and panel to the booths and the evening get-together."
        ),
        tags=("events", "careers", "career festival", "startups"),
        search_description="Report from Career Festival 2026, attended by 420 Hinata Foods alumni and employees.",
        venue="Hinata Hall, 2F, Hinata Foods Tokyo head office (Chuo-ku, Tokyo)",
        body=[
            paragraph(
                "On Saturday 17 October alumni and employees of Hinata Foods gathered for Career Festival 2026. "
                "In its third year the festival drew about 180 people to Hinata Hall at the Tokyo head office "
                "and about 240 online, including many colleagues watching from our plants in Hokkaido and Kyushu."
            ),
            paragraph(
                "Opening the day, President Makoto Okada said: “The experience of people who have left the company is one of "
                "Hinata Foods' assets too. Today, forget your job titles and talk to each other as colleagues.”"
            ),
            heading("Keynote: food that stays delicious at scale is a superpower"),
            paragraph(
                "The keynote was given by Misaki Sato, formerly of Product Development and now CEO of the plant-based food "
                "startup Midorino. Her story of being turned down by more than twenty factories, and of the quality paperwork "
                "learned at Hinata Foods that finally won their trust, drew laughter and applause."
            ),
            pull_quote(
                "Only after leaving did I understand the value of what I had learned here.",
                "Misaki Sato (CEO, Midorino Inc.)",
            ),
            image("festival-keynote", "Misaki Sato giving the keynote", wide=True),
            heading("Panel: leaving, returning, staying connected"),
            paragraph(
                "In the afternoon panel, Kenta Takahashi, who rejoined HR after working as a career coach, and Shota Fujita, "
                "founder of the frozen-logistics startup Hakobune Logi, talked with Yuki Nakamura of the Alumni Office.",
                "“What scared me most about leaving was losing every relationship I had built,” said Fujita. Takahashi replied "
                "that building ways for those ties to survive is now his job. Questions from the floor, such as whether employees "
                "may help an alumni company as a side job, kept the discussion going twenty minutes past schedule.",
            ),
            heading("Division booths and the evening get-together"),
            paragraph(
                "The foyer was lined with booths from Frozen Foods, the R&amp;D Centre, HR and others. Frozen Foods offered "
                "tastings of a product launching next spring, and the HR career corner held more than sixty conversations in a day.",
                "After President Okada's toast, the evening get-together carried on table by table, by workplace and year of joining. "
                "Online participants had small talk rooms of their own and a live link to the hall.",
            ),
            heading("What participants said", "h3"),
            paragraph(
                bullet_list(
                    "“Ten years after leaving, I finally saw my intake again. So glad I came.” (alumnus, joined 2006)",
                    "“Hearing alumni made me realise there is more I can try inside the company.” (Sales, joined 2022)",
                    "“Easy to ask questions online, even from a regional plant.” (Kyushu plant, joined 2017)",
                ),
            ),
            paragraph(
                "Recordings of the keynote and panel are available to members from the events page. Thank you to everyone "
                "who came, and to the alumni volunteers who helped run the day. See you next year."
            ),
        ],
    ),
)

FERMENTATION_STUDY = Story(
    kind="event-report",
    slug="online-study-fermentation",
    published_date=date(2026, 7, 16),
    hero="hero-fermentation",
    event_date=date(2026, 7, 9),
    is_online=True,
    people=(
        Person(
            SPEAKER,
            "小林 恵",
            "2003年入社・元研究開発センター 主任研究員／現 県立大学 食品栄養学科 准教授",
            "portrait-kobayashi",
        ),
        as_role(YOSHIDA, SPEAKER),
    ),
    gallery=(
        GalleryImage("fermentation-screens", "平日の夜にもかかわらず、全国から86人が参加した"),
        GalleryImage("fermentation-jars", "講義で紹介された、麹・味噌・醤油の発酵の違い（イメージ）"),
        GalleryImage("fermentation-breakout", "後半は少人数のグループに分かれて意見交換"),
    ),
    ja=Text(
        title="オンライン勉強会「発酵のちから」レポート ― 研究開発センターOGと学ぶ、発酵食品の商品開発",
        intro=(
            "卒業生と現役社員が学び合う「つながり勉強会」の第3回を、7月9日にオンラインで開催しました。"
            "講師は、元研究開発センター主任研究員で、現在は大学で発酵学を教える小林恵さんです。"
        ),
        tags=("勉強会", "研究開発", "イベント", "発酵"),
        search_description="元研究開発センターの小林恵さんを講師に迎えたオンライン勉強会「発酵のちから」の開催レポート。",
        body=[
            paragraph(
                "「つながり勉強会」は、卒業生と現役社員が講師にも聞き手にもなれる、月に一度の学びの場です。"
                "第3回のテーマは「発酵」。平日の夜にもかかわらず、全国から86人が参加しました。"
            ),
            heading("発酵は“待つ”技術"),
            paragraph(
                "前半は、小林恵さんによる講義。研究開発センターで20年近く醤油と味噌の研究に携わった小林さんは、"
                "「発酵は、微生物が働きやすい環境を整えて、あとは待つ技術です」と切り出しました。",
                "麹菌・乳酸菌・酵母がそれぞれどんな香りと味を生むのか、温度と塩分の小さな違いが仕上がりをどう変えるのかを、"
                "社内で実際に使われていた試験データを交えて解説。現役の開発者からは「昔のデータの読み方がやっとわかった」という声も上がりました。",
            ),
            pull_quote("発酵は、微生物が働きやすい環境を整えて、あとは待つ技術です。", "小林 恵"),
            image("fermentation-jars", "講義で紹介された、麹・味噌・醤油の発酵の違い（イメージ）"),
            heading("現役開発者との対話"),
            paragraph(
                "後半は、研究開発センター調味料開発チームの吉田亮さんが加わり、減塩と発酵の両立をテーマに対話しました。"
                "「塩を減らすと発酵が暴れる。そこをどう抑えるか」という吉田さんの悩みに、小林さんは大学での最新の研究を紹介しながら、"
                "低温でじっくり熟成させる方法を提案しました。",
                "最後の20分は5〜6人のグループに分かれて意見交換。卒業生からは、飲食店やパン屋、酒蔵など、"
                "それぞれの現場での発酵の使い方が紹介されました。",
            ),
            heading("参加者から寄せられた質問（抜粋）", "h3"),
            paragraph(
                bullet_list(
                    "家庭で作る味噌と工場の味噌で、いちばん違うのはどこですか。",
                    "冷凍すると発酵食品の風味はどう変わりますか。",
                    "大学と企業の共同研究は、どうやって始めればよいですか。",
                ),
                "どの質問にも、小林さんが丁寧に答えてくださいました。回答のまとめは、会員ページの「研究開発OB・OG」グループで公開しています。",
            ),
            paragraph(
                "次回の「つながり勉強会」は9月、テーマは「食品表示の基本」です。講師をしてみたい卒業生・社員の方は、事務局までご連絡ください。"
            ),
        ],
    ),
)

# --- Collaborations --------------------------------------------------------------------------------------

COLD_CHAIN = Story(
    kind="collaboration",
    slug="hakobune-cold-chain-pilot",
    published_date=date(2026, 6, 3),
    hero="hero-cold-chain",
    partner_url="https://hakobune-logi.example.jp/",
    people=(
        FUJITA,
        Person(
            COLLABORATOR,
            "山口 直子",
            "2007年入社・冷凍食品事業部 業務用営業部 部長",
            "portrait-yamaguchi",
            "Naoko Yamaguchi",
            "Joined 2007, head of Food Service Sales, Frozen Foods",
        ),
    ),
    ja=Text(
        title="冷凍食品の“ラストワンマイル”を共同配送で ― 卒業生が起業したハコブネ・ロジと実証実験",
        intro=(
            "冷凍食品事業部は5月から、卒業生の藤田翔太さんが創業した株式会社ハコブネ・ロジと、"
            "業務用冷凍食品の共同配送の実証実験を始めました。小さな飲食店や保育施設に、少ない量でも確実に届けるための挑戦です。"
        ),
        tags=("協業", "物流", "冷凍食品", "起業"),
        search_description="冷凍食品事業部と卒業生が創業したハコブネ・ロジによる、業務用冷凍食品の共同配送の実証実験。",
        partner_organisation="株式会社ハコブネ・ロジ",
        body=[
            paragraph(
                "ひなた食品の冷凍食品事業部は2026年5月から3か月間、株式会社ハコブネ・ロジと共同で、"
                "業務用冷凍食品の共同配送の実証実験を行っています。ハコブネ・ロジは、元冷凍食品事業部物流企画課の藤田翔太さんが2019年に創業した会社です。"
            ),
            heading("きっかけは「つながり」の掲示板"),
            paragraph(
                "ハコブネ・ロジは、複数の食品メーカーの冷凍品をひとつの車両にまとめ、小さな飲食店や保育施設へ少量ずつ届けるサービスを手がけています。"
                "藤田さんが「つながり」の掲示板に、共同配送に参加するメーカーを探していると投稿したところ、"
                "かつての同僚で、いまは業務用営業部を率いる山口直子さんの目にとまりました。",
                "「小口のお客様から、配送の曜日や最低注文量についての相談が増えていたんです。"
                "投稿を読んで、これはうちの課題そのものだと思いました」と山口さんは振り返ります。",
            ),
            pull_quote(
                "小さなお店ほど、冷凍食品の配送で困っている。その声を一番知っていたのは、元の職場でした。",
                "藤田 翔太（株式会社ハコブネ・ロジ 代表取締役）",
            ),
            heading("実証実験の内容"),
            paragraph(
                bullet_list(
                    "<b>期間</b>：2026年5月〜7月",
                    "<b>対象</b>：東京23区東部の飲食店・保育施設 約120か所",
                    "<b>内容</b>：複数メーカーの冷凍食品をまとめて配送し、配送中の温度記録を発注者と共有",
                    "<b>目標</b>：配送回数を30％減らし、配送にともなうCO2排出量を削減すること",
                ),
            ),
            image(
                "cold-chain-restaurants", "共同配送の対象は、少量の冷凍食品を扱う飲食店や保育施設（イメージ）"
            ),
            heading("1か月目の中間報告"),
            paragraph(
                "開始から1か月で、対象エリアへの配送回数は約25％減りました。配送中の温度が基準を外れたケースはゼロ。"
                "一方で、複数メーカーの荷物をまとめることで、受け取り時間の幅が広がってしまうという課題も見えてきました。",
                "現在は、お客様ごとに受け取り可能な時間帯を登録してもらい、ルートを組み直す仕組みを試しています。"
                "実証実験の結果をふまえ、秋以降に対象エリアを広げるかどうかを判断する予定です。",
            ),
            paragraph(
                "「辞めた人と、こうしてまた一緒に仕事ができるとは思っていませんでした。"
                "外から見た冷凍食品事業部の弱みを、遠慮なく指摘してくれるのも助かっています」（山口さん）"
            ),
        ],
        links=[
            link(
                "共同配送サービスのご案内",
                "https://hakobune-logi.example.jp/service/",
                "株式会社ハコブネ・ロジ",
            ),
            link(
                "実証実験開始のお知らせ",
                "https://www.hinata-foods.example.jp/news/2026/0520/",
                "ひなた食品 ニュースリリース",
            ),
            link(
                "業務用冷凍食品のお問い合わせ",
                "https://www.hinata-foods.example.jp/business/contact/",
                "冷凍食品事業部 業務用営業部",
            ),
        ],
    ),
    en=Text(
        title="Sharing the last mile for frozen food: a pilot with alumni-founded Hakobune Logi",
        intro=(
            "Since May the Frozen Foods division has been piloting shared delivery of food-service frozen products with "
            "Hakobune Logi, founded by alumnus Shota Fujita. The aim: reliable deliveries to small restaurants and nurseries, "
            "even in small quantities."
        ),
        tags=("collaboration", "logistics", "frozen food", "startups"),
        search_description="Hinata Foods' Frozen Foods division pilots shared cold-chain delivery with alumni-founded Hakobune Logi.",
        partner_organisation="Hakobune Logi Inc.",
        body=[
            paragraph(
                "For three months from May 2026, Hinata Foods' Frozen Foods division and Hakobune Logi Inc. are piloting shared "
                "delivery of food-service frozen products. Hakobune Logi was founded in 2019 by Shota Fujita, who used to work "
                "in the division's logistics planning team."
            ),
            heading("It started on the Tsunagari message board"),
            paragraph(
                "Hakobune Logi combines frozen goods from several manufacturers in one vehicle and delivers them in small "
                "quantities to restaurants and nurseries. When Fujita posted on Tsunagari that he was looking for manufacturers "
                "to join, the post caught the eye of Naoko Yamaguchi, a former colleague who now leads Food Service Sales.",
                "“Small customers kept asking us about delivery days and minimum orders,” Yamaguchi recalls. "
                "“When I read his post I thought: that is exactly our problem.”",
            ),
            pull_quote(
                "The smaller the shop, the harder frozen deliveries are. The people who knew that best were at my old workplace.",
                "Shota Fujita (CEO, Hakobune Logi Inc.)",
            ),
            heading("The pilot"),
            paragraph(
                bullet_list(
                    "<b>When</b>: May to July 2026",
                    "<b>Who</b>: about 120 restaurants and nurseries in eastern Tokyo",
                    "<b>What</b>: frozen goods from several manufacturers delivered together, with in-transit temperature logs shared with customers",
                    "<b>Goals</b>: 30% fewer deliveries and lower CO2 emissions from delivery",
                ),
            ),
            image(
                "cold-chain-restaurants",
                "Shared deliveries serve restaurants and nurseries that order frozen food in small quantities (illustration)",
            ),
            heading("After the first month"),
            paragraph(
                "One month in, deliveries to the pilot area are down by about 25%, with no temperature excursions in transit. "
                "Combining several manufacturers' goods has, however, widened delivery windows.",
                "The team is now testing a system where each customer registers the hours they can receive goods and routes are "
                "rebuilt around them. Whether to extend the area in the autumn will be decided on the pilot's results.",
            ),
            paragraph(
                "“I never thought I would work with someone who left again like this. It helps that he points out, without "
                "holding back, the weak spots he sees from outside,” says Yamaguchi."
            ),
        ],
        links=[
            link(
                "Shared delivery service", "https://hakobune-logi.example.jp/service/", "Hakobune Logi Inc."
            ),
            link(
                "Pilot announcement",
                "https://www.hinata-foods.example.jp/news/2026/0520/",
                "Hinata Foods news release (Japanese)",
            ),
            link(
                "Food-service frozen products: enquiries",
                "https://www.hinata-foods.example.jp/business/contact/",
                "Frozen Foods, Food Service Sales",
            ),
        ],
    ),
)

YUZU_PONZU = Story(
    kind="collaboration",
    slug="hidamari-farm-yuzu-ponzu",
    published_date=date(2026, 8, 19),
    hero="hero-yuzu",
    partner_url="https://hidamari-farm.example.jp/",
    people=(
        Person(
            COLLABORATOR, "山本 翔", "2008年入社・元生産管理部／現 ひだまり農園 園主", "portrait-yamamoto-sho"
        ),
        Person(
            COLLABORATOR,
            "山本 千夏",
            "2010年入社・元マーケティング部／現 ひだまり農園 加工・販売担当",
            "portrait-yamamoto-chinatsu",
        ),
        YOSHIDA,
    ),
    ja=Text(
        title="卒業生の農園と生まれた「ひだまり柚子ぽん酢」― 高知の柚子を、皮まで使い切る",
        intro=(
            "高知県の山あいで柚子農園を営む卒業生の山本翔さん・千夏さん夫妻と、研究開発センターが共同で開発した"
            "「ひだまり柚子ぽん酢」が9月に発売されます。見た目の理由で出荷できなかった柚子を、皮まで生かした調味料です。"
        ),
        tags=("協業", "地域", "食品開発", "地産地消"),
        search_description="卒業生が営む高知の柚子農園と研究開発センターが共同開発した「ひだまり柚子ぽん酢」の開発ストーリー。",
        partner_organisation="ひだまり農園（高知県）",
        body=[
            paragraph(
                "9月1日、高知県内の直売所と通販限定で「ひだまり柚子ぽん酢」が発売されます。"
                "柚子を育てたのは、ひだまり農園の山本翔さん・千夏さん夫妻。ふたりとも、ひなた食品の卒業生です。"
            ),
            heading("“規格外”の柚子をどう生かすか"),
            paragraph(
                "2018年に高知県の山あいへ移住し、手入れされなくなっていた柚子畑を引き継いだ山本さん夫妻。"
                "悩みの種は、収穫量の3割ほどが、皮の傷や形の理由で青果として出荷できないことでした。",
                "千夏さんが「つながり」の「食と地域」グループで相談したところ、研究開発センター調味料開発チームの吉田亮さんから"
                "「果汁だけでなく皮も使えば、香りの強い調味料ができるかもしれない」と返信があったのが始まりです。",
            ),
            pull_quote(
                "傷があっても、香りは同じ。捨てるしかなかった柚子が、いちばんの主役になりました。",
                "山本 千夏（ひだまり農園）",
            ),
            image("yuzu-orchard", "山あいに広がる、ひだまり農園の柚子畑（イメージ）"),
            heading("試作40回、開発の1年"),
            paragraph(
                "開発でいちばん苦労したのは、皮の苦みを抑えながら香りを残す工程です。"
                "研究開発センターで40回以上の試作を重ね、皮を低温でじっくりペーストにする方法にたどり着きました。",
                bullet_list(
                    "<b>ひだまり農園</b>：柚子の栽培・収穫、果汁と皮の一次加工、販売",
                    "<b>研究開発センター</b>：配合の設計、試作、品質と保存性の検査",
                    "<b>県内の加工場</b>：瓶詰めと製造",
                ),
                "「生産管理部で工程表を書いていた経験が、農園の仕事でも、加工場との調整でもそのまま役に立ちました」と翔さんは話します。",
            ),
            heading("地域とのこれから"),
            paragraph(
                "売り上げの一部は、地域で手入れが行き届かなくなった柚子畑の再生に使われます。"
                "11月には、会員向けに柚子の収穫体験ツアーも予定しています。",
                "吉田さんは「会社の中だけでは、この柚子に出会えませんでした。卒業生が地域にいること自体が、会社にとっての財産だと思います」と話しています。",
            ),
        ],
        links=[
            link(
                "ひだまり柚子ぽん酢（オンラインショップ）",
                "https://hidamari-farm.example.jp/shop/yuzu-ponzu/",
                "ひだまり農園",
            ),
            link(
                "柚子の収穫体験ツアーのご案内", "https://hidamari-farm.example.jp/tour/", "11月開催・会員向け"
            ),
            link(
                "ひなた食品の調味料",
                "https://www.hinata-foods.example.jp/seasoning/",
                "ひなた食品 ブランドサイト",
            ),
        ],
    ),
)

STORIES = [
    PLANT_BASED,
    BOOMERANG,
    WHY_WE_BUILT,
    FACTORY_DIALOGUE,
    CAREER_FESTIVAL,
    FERMENTATION_STUDY,
    COLD_CHAIN,
    YUZU_PONZU,
]

# The home page features these, in this order, in both languages.
FEATURED = ["career-festival-2026", "plant-based-startup-midorino", "hakobune-cold-chain-pilot"]
