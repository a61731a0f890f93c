//! JSON Schemas (draft-07) of the data files, with Japanese descriptions, so an
//! editor with a YAML language server checks and completes fields as staff type.
//! Vocabulary lists come from `vocab`, so the schemas and the checker agree.

use crate::model::vocab::{self, Term};
use serde_json::{Map, Value, json};

/// File name (under the schema folder) and schema, for every kind of data file.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("municipality.schema.json", municipality()),
        ("config.schema.json", config()),
        ("practices.schema.json", practices()),
        ("national.schema.json", national()),
        ("accessibility-results.schema.json", accessibility_results()),
        ("incentives.schema.json", incentives()),
        ("prefecture.schema.json", prefecture()),
        ("synonyms.schema.json", synonyms()),
        ("case.schema.json", case_front()),
        ("page.schema.json", page_front()),
    ]
}

/// Every schema as the text written to disk (pretty JSON with a final newline).
pub fn files() -> Vec<(&'static str, String)> {
    all()
        .into_iter()
        .map(|(name, schema)| (name, serde_json::to_string_pretty(&schema).expect("a JSON value serialises") + "\n"))
        .collect()
}

/// Where `kyoten schema` writes by default, relative to the site root.
pub const DEFAULT_DIR: &str = "data/schema";

/// The modeline a YAML file in `data/municipalities/` puts on its first line.
pub const MUNICIPALITY_MODELINE: &str = "# yaml-language-server: $schema=../schema/municipality.schema.json";
/// The modeline a YAML file in `data/prefectures/` puts on its first line.
pub const PREFECTURE_MODELINE: &str = "# yaml-language-server: $schema=../schema/prefecture.schema.json";

fn root(id: &str, title: &str, mut body: Value) -> Value {
    let obj = body.as_object_mut().expect("schema object");
    let mut out = Map::new();
    out.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    out.insert("$comment".into(), json!(format!("{id}: written by `kyoten schema`; do not edit by hand")));
    out.insert("title".into(), json!(title));
    out.append(obj);
    Value::Object(out)
}

/// An object with exactly these properties (`!` after a name: required).
fn obj(description: &str, props: Vec<(&str, Value)>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, schema) in props {
        let name = match name.strip_suffix('!') {
            Some(n) => {
                required.push(n.to_string());
                n
            }
            None => name,
        };
        properties.insert(name.to_string(), schema);
    }
    json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn markdown(description: &str) -> Value {
    json!({ "type": "string", "description": format!("{description}（Markdown が使えます）") })
}

fn list(description: &str, item: Value) -> Value {
    json!({ "type": "array", "description": description, "items": item })
}

fn texts(description: &str) -> Value {
    list(description, json!({ "type": "string" }))
}

fn number(description: &str) -> Value {
    json!({ "type": "number", "description": description })
}

fn flag(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

fn date(description: &str) -> Value {
    json!({
        "type": "string",
        "minLength": 4,
        "description": format!("{description}。和暦（令和8年5月12日、R8.5.12、令和7年度）か西暦（2026-05-12、2026年5月）で書きます"),
    })
}

fn time(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        "description": format!("{description}（HH:MM、例：08:30）"),
    })
}

fn url() -> Value {
    json!({
        "type": "string",
        "pattern": "^([hH][tT][tT][pP][sS]?://|[tT][eE][lL]:|[mM][aA][iI][lL][tT][oO]:)[^\\s\"<>]+$",
        "description": "https:// ・ http:// ・ tel: ・ mailto: で始まるアドレス",
    })
}

fn phone(description: &str) -> Value {
    json!({
        "type": "string",
        "pattern": "^[0-9０-９\\-ー－―‐() ]{6,20}$",
        "description": format!("{description}（例：047-000-0000）"),
    })
}

fn vocabulary(description: &str, terms: &[Term]) -> Value {
    let ids: Vec<&str> = terms.iter().map(|t| t.id).collect();
    let legend: Vec<String> = terms.iter().map(|t| format!("{} = {}", t.id, t.label)).collect();
    json!({
        "type": "string",
        "enum": ids,
        "description": format!("{description}: {}", legend.join("、")),
    })
}

fn vocab_list(description: &str, terms: &[Term]) -> Value {
    json!({ "type": "array", "description": description, "items": vocabulary(description, terms), "uniqueItems": true })
}

fn sample() -> Value {
    flag("サンプル（架空の値）なら true。ページに「サンプル」と表示します")
}

fn source() -> Value {
    obj(
        "出典",
        vec![
            ("title!", text("資料の名前")),
            ("publisher", text("発行者")),
            ("date", date("発行日")),
            ("url", url()),
            ("note", text("補足（ページ番号など）")),
        ],
    )
}

fn contact(description: &str) -> Value {
    obj(
        description,
        vec![
            ("name!", text("窓口の名前")),
            ("purpose", vocabulary("何のための連絡先か", vocab::CONTACT_PURPOSES)),
            ("phone", phone("電話番号")),
            (
                "hours",
                vocabulary(
                    "受付時間（おおまかに）。正確な時刻は times に書きます（hours と times はどちらか一方）",
                    vocab::HOURS_PRESETS,
                ),
            ),
            (
                "times",
                list(
                    "受付時間（曜日と時刻）。終わりが始まりより前なら翌日まで（17:30 → 09:00）",
                    obj(
                        "受付する時間帯",
                        vec![
                            ("days!", vocab_list("どの日か", vocab::DAY_KINDS)),
                            ("from!", time("始まり")),
                            ("to!", time("終わり（一日中なら 24:00）")),
                        ],
                    ),
                ),
            ),
            ("hours_note", text("受付時間の補足（例外など）")),
            ("for_whom", text("だれが電話できるか")),
            ("ward", text("政令指定都市の区の窓口なら、その区（名前かコード）")),
            ("area", text("圏域など、ほかの地域の窓口なら、その地域")),
            ("note", markdown("補足")),
            ("url", url()),
            ("sample", sample()),
        ],
    )
}

fn figure() -> Value {
    obj(
        "数値（実績など）",
        vec![
            ("label!", text("何の数か")),
            ("value!", number("値")),
            ("unit!", text("単位（件、人など）")),
            ("year", date("いつの値か")),
            ("note", text("補足")),
        ],
    )
}

fn municipality() -> Value {
    let provider = obj(
        "拠点等を担う事業所",
        vec![
            (
                "id!",
                json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "description": "事業所ページのアドレスになる ID（半角英小文字・数字・ハイフン、サイト内で重複しない）" }),
            ),
            ("name!", text("事業所の名前")),
            ("corporation", text("法人の名前")),
            ("services!", vocab_list("サービスの種類", vocab::SERVICES)),
            ("functions!", vocab_list("担う拠点等の機能", vocab::FUNCTIONS)),
            ("accepts", vocab_list("受け入れる障害種別など", vocab::ACCEPTS)),
            ("address", text("所在地")),
            (
                "location",
                obj(
                    "地図に示す位置（世界測地系）",
                    vec![
                        (
                            "lat!",
                            json!({ "type": "number", "minimum": 20, "maximum": 46, "description": "緯度（例：35.79）" }),
                        ),
                        (
                            "lon!",
                            json!({ "type": "number", "minimum": 122, "maximum": 154, "description": "経度（例：140.05）" }),
                        ),
                    ],
                ),
            ),
            ("phone", phone("電話番号")),
            ("hours", text("受付時間")),
            ("url", url()),
            ("registered", date("拠点等に登録した日")),
            ("description", markdown("事業所の説明")),
            (
                "wam_number",
                json!({ "type": "string", "pattern": "^[0-9]{10}$", "description": "事業所番号（10桁。kyoten import wamnet が書きます）" }),
            ),
            ("sample", sample()),
            ("kana", text("名称の読み（カタカナ。ひらがなで書いてもカタカナにします）")),
            (
                "corporate_number",
                json!({ "type": "string", "pattern": "^[0-9]{13}$", "description": "法人番号（13桁。国税庁法人番号公表サイト）" }),
            ),
            ("fax", phone("FAX番号")),
            ("capacity", json!({ "type": "integer", "minimum": 0, "description": "定員" })),
            ("other_service", text("services に other（その他）を書いたとき、その資源の名前")),
            (
                "places",
                obj(
                    "緊急時に使える床（空床、「常に1床」など）と確認した日",
                    vec![
                        ("count!", json!({ "type": "integer", "minimum": 0, "description": "床の数" })),
                        ("kind!", vocabulary("種類", vocab::PLACE_KINDS)),
                        ("confirmed!", date("確認した日（places_max_age_days を過ぎると「要確認」）")),
                        ("note", text("補足")),
                        ("sample", sample()),
                    ],
                ),
            ),
            (
                "sample_fields",
                vocab_list(
                    "名前は実在で、ここに挙げた項目だけが架空のとき（その項目にだけ「サンプル」と表示します）",
                    vocab::SAMPLE_FIELDS,
                ),
            ),
        ],
    );
    let function = obj(
        "拠点等の機能ごとの取組み",
        vec![
            ("id!", vocabulary("機能", vocab::FUNCTIONS)),
            ("description", markdown("この市区町村での機能の説明")),
            ("carried_by", texts("担っている機関")),
            ("initiatives", texts("取組み")),
            ("challenges", texts("課題")),
            ("notes", list("記録", obj("記録", vec![("text!", markdown("内容")), ("date", date("日付"))]))),
            (
                "programmes",
                list(
                    "事業",
                    obj(
                        "事業",
                        vec![
                            ("name!", text("事業名")),
                            ("since", date("開始")),
                            ("description", markdown("説明")),
                            ("results", list("実績", figure())),
                        ],
                    ),
                ),
            ),
            ("figures", list("実績", figure())),
        ],
    );
    let recruit = obj(
        "事業所の募集（/recruit/ のページ）",
        vec![
            ("needs", texts("市区町村として求めていること")),
            (
                "programmes",
                list(
                    "登録の仕組み",
                    obj(
                        "登録の仕組み",
                        vec![
                            ("name!", text("名前")),
                            ("functions", vocab_list("対象の機能", vocab::FUNCTIONS)),
                            ("services", vocab_list("対象のサービス", vocab::SERVICES)),
                            ("requirements", texts("要件")),
                            ("documents", texts("必要な書類")),
                            ("apply", markdown("申し込み方法")),
                            ("since", date("開始")),
                            ("source", source()),
                            ("sample", sample()),
                        ],
                    ),
                ),
            ),
            ("contact", contact("募集の問い合わせ先（電話番号か url を書きます）")),
            ("support", list("市区町村の独自の支援（交通費の給付、空床補償など）", incentive("支援"))),
        ],
    );
    root(
        "municipality.schema.json",
        "市区町村の地域生活支援拠点等（data/municipalities/<コード>.yaml）",
        obj(
            "一つの市区町村の拠点等の記録。ファイル名は全国地方公共団体コード（6桁）",
            vec![
                (
                    "code!",
                    json!({ "type": "string", "pattern": "^[0-9]{6}$", "description": "全国地方公共団体コード（6桁、検査数字つき。例：\"122327\"）。引用符で囲みます" }),
                ),
                ("status!", vocabulary("整備状況", vocab::STATUSES)),
                (
                    "joint",
                    obj(
                        "ほかの市区町村と共同で整備する拠点等（このファイルがその記録。書いた市区町村が中心）",
                        vec![
                            ("name!", text("拠点等の名前（例：甲賀圏域の地域生活支援拠点等）")),
                            ("area", text("圏域（例：甲賀圏域）。同じ圏域の事例から、この拠点等へリンクします")),
                            (
                                "members!",
                                json!({ "type": "array", "items": { "type": "string", "pattern": "^[0-9]{6}$" }, "description": "ほかの構成市町村の団体コード（自分のファイルがない市町村には、このファイルからページを作ります）" }),
                            ),
                        ],
                    ),
                ),
                ("established", date("整備した日")),
                ("target", date("整備予定のとき、整備する目標の年度（例：令和8年度）")),
                ("plan", text("整備の予定（未整備のとき）")),
                ("type", vocabulary("整備類型", vocab::TYPES)),
                ("summary", markdown("概要")),
                (
                    "coordinator",
                    obj(
                        "拠点コーディネーター",
                        vec![
                            ("placed!", flag("配置しているか")),
                            ("count", json!({ "type": "integer", "minimum": 0, "description": "人数" })),
                            ("body", text("配置先")),
                            ("funding", vocabulary("財源", vocab::COORDINATOR_FUNDINGS)),
                            ("around_the_clock", flag("24時間つながる体制か")),
                            ("duties", texts("役割")),
                            ("note", markdown("補足")),
                            ("source", text("出典（資料名と箇所）")),
                        ],
                    ),
                ),
                ("contacts", list("連絡先（ページの一番上に出ます。24時間つながるものが先）", contact("連絡先"))),
                ("emergency_contact", contact("連絡先がひとつのときの書き方（contacts の最初になります）")),
                (
                    "preparation",
                    list(
                        "もしものときの備え（事前登録、緊急時個別支援計画、個別避難計画など）。市区町村が用意しているもの",
                        obj(
                            "備えのひとつ",
                            vec![
                                ("item!", vocabulary("どの備えか", vocab::PREPARATION_ITEMS)),
                                ("where", markdown("どこで申し込むか、だれに聞くか")),
                                ("note", markdown("市区町村の資料に書かれていること")),
                                ("source", text("出典（資料名と箇所）")),
                                ("sample", sample()),
                            ],
                        ),
                    ),
                ),
                (
                    "after_call",
                    obj(
                        "電話のあとの流れ（だれが状況を確かめ、だれが受入れ先を探し、だれが付き添い、そのあと何をするか）",
                        vec![
                            ("status!", vocabulary("流れが決まっているか", vocab::AFTER_CALL_STATUSES)),
                            (
                                "steps",
                                list(
                                    "順番に",
                                    obj("ひとつの段階", vec![("who", text("だれが")), ("what!", text("何をするか"))]),
                                ),
                            ),
                            ("note", markdown("補足")),
                            ("source", text("出典（資料名と箇所）")),
                            ("sample", sample()),
                        ],
                    ),
                ),
                (
                    "pre_registration",
                    obj(
                        "事前登録（本人を前もって拠点等に登録するしくみ）。連絡先のすぐ下に出ます",
                        vec![
                            ("status!", vocabulary("受付の状況", vocab::PRE_REGISTRATION_STATUSES)),
                            ("name", text("市区町村での呼び方（例：事前の利用登録）")),
                            ("for_whom", text("対象となる人")),
                            ("prerequisites", texts("先に必要なこと（計画相談支援の契約、短期入所の支給決定など）")),
                            ("steps", texts("申し込みの手順（順番に）")),
                            ("apply_at", markdown("申し込み先")),
                            ("gives", vocab_list("登録すると受けられること", vocab::PRE_REGISTRATION_GIVES)),
                            ("form_url", url()),
                            ("note", markdown("補足")),
                            ("source", text("出典（資料名と箇所）")),
                            ("sample", sample()),
                        ],
                    ),
                ),
                ("functions", list("機能ごとの取組み", function)),
                ("providers", list("拠点等を担う事業所", provider)),
                (
                    "reviews",
                    list(
                        "運用状況の検証及び検討",
                        obj(
                            "検証・検討の記録",
                            vec![
                                ("date!", date("実施日")),
                                ("body!", text("どこで（自立支援協議会など）")),
                                ("summary!", markdown("内容")),
                                ("source", text("出典")),
                                ("url", url()),
                                (
                                    "findings",
                                    list(
                                        "機能ごとの検証の結果",
                                        obj(
                                            "ひとつの機能の結果",
                                            vec![
                                                ("function!", vocabulary("機能", vocab::FUNCTIONS)),
                                                ("text!", markdown("結果")),
                                            ],
                                        ),
                                    ),
                                ),
                                (
                                    "actions",
                                    list(
                                        "取組（いつまでに何をどのように改善するか）",
                                        obj(
                                            "取組",
                                            vec![
                                                (
                                                    "id",
                                                    text(
                                                        "取組の名前（次の年の検証・検討で同じ id を書くと、その取組の続きになります）",
                                                    ),
                                                ),
                                                ("what!", text("何をするか")),
                                                ("who", text("だれが")),
                                                ("due", date("いつまでに")),
                                                ("status!", vocabulary("状況", vocab::ACTION_STATUSES)),
                                                ("done_on", date("完了した日")),
                                                ("functions", vocab_list("関係する機能", vocab::FUNCTIONS)),
                                                ("note", markdown("補足")),
                                                ("sample", sample()),
                                            ],
                                        ),
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                (
                    "roadmap",
                    list(
                        "今後の予定",
                        obj(
                            "予定",
                            vec![
                                ("period!", text("時期（例：令和8年度）")),
                                ("items!", texts("予定すること")),
                                ("status", vocabulary("状況", vocab::ACTION_STATUSES)),
                                ("due", date("いつまでに（時期が「令和5年度以後」のように日付でないとき）")),
                            ],
                        ),
                    ),
                ),
                ("figures", list("実績", figure())),
                (
                    "challenges",
                    list(
                        "課題",
                        obj(
                            "課題",
                            vec![
                                ("title!", text("課題")),
                                ("body", markdown("説明")),
                                ("functions", vocab_list("関係する機能", vocab::FUNCTIONS)),
                                ("status", vocabulary("取組の状況", vocab::ACTION_STATUSES)),
                                ("due", date("いつまでに")),
                            ],
                        ),
                    ),
                ),
                (
                    "sections",
                    list("そのほかの節", obj("節", vec![("title!", text("見出し")), ("body!", markdown("本文"))])),
                ),
                ("sources", list("出典", source())),
                ("recruit", recruit),
                ("last_verified!", date("この記録を最後に確かめた日（12か月を過ぎると kyoten check が知らせます）")),
                ("sample", sample()),
            ],
        ),
    )
}

fn config() -> Value {
    root(
        "config.schema.json",
        "サイトの設定（kyoten.yaml）",
        obj(
            "サイトの設定",
            vec![
                ("title!", text("サイトの名前")),
                ("description!", text("サイトの説明（一文）")),
                (
                    "base_url!",
                    json!({ "type": "string", "pattern": "^https?://", "description": "公開するアドレス（例：https://kyoten.example.jp/）" }),
                ),
                ("region", text("対象の地域（例：全国、千葉県）")),
                ("publisher", text("発行者（ページの下に表示）")),
                ("emergency_note", markdown("連絡先に添える注意（例：命に関わるときは [119番](tel:119)）")),
                (
                    "data_licence",
                    text("オープンデータの利用条件（既定：クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0））"),
                ),
                ("data_licence_url", url()),
                (
                    "places_max_age_days",
                    json!({ "type": "integer", "minimum": 1, "description": "事業所の「緊急時の床」の情報が新しいとみなす日数（既定 30）。過ぎると「要確認」" }),
                ),
                (
                    "targets_required",
                    flag("整備予定の市区町村に目標の年度（target）を必須にする（既定 false：警告だけ）"),
                ),
                (
                    "offline",
                    flag(
                        "困ったときは・備え・開いた市区町村のページを、ネットにつながらなくても開けるようにする（既定 true）",
                    ),
                ),
                (
                    "contact_daytime",
                    json!({
                        "type": "string",
                        "pattern": "^([01]?[0-9]|2[0-3]):[0-5][0-9]-(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$",
                        "description": "「平日の日中」の時間（HH:MM-HH:MM、既定 09:00-17:00）。いまつながる連絡先を示すときに使います",
                    }),
                ),
                (
                    "map",
                    obj(
                        "地図",
                        vec![
                            (
                                "tiles",
                                flag(
                                    "背景に地図タイルを表示するか（既定は false。true にするとタイルのサーバーに接続します）",
                                ),
                            ),
                            ("tile_url", text("タイルのアドレス（{z}/{x}/{y}）")),
                            ("tile_attribution", text("タイルの出典表示")),
                            ("tile_attribution_url", url()),
                        ],
                    ),
                ),
                (
                    "minify",
                    flag(
                        "HTMLを縮めて書き出すか（既定は true。全国規模のサイトでは false にするとビルドが速くなります）",
                    ),
                ),
            ],
        ),
    )
}

fn practices() -> Value {
    root(
        "practices.schema.json",
        "参考の取組み（data/practices.yaml）",
        obj(
            "参考の取組みの一覧",
            vec![
                ("title!", text("一覧の名前")),
                ("source!", source()),
                (
                    "items!",
                    list(
                        "取組み",
                        obj(
                            "取組み",
                            vec![
                                ("text!", markdown("内容")),
                                (
                                    "prefectures!",
                                    list(
                                        "都道府県",
                                        json!({ "type": "string", "description": "都道府県名（例：千葉県）" }),
                                    ),
                                ),
                                (
                                    "level",
                                    json!({ "type": "string", "enum": ["municipal", "prefectural"], "description": "municipal = 市町村の取組み、prefectural = 都道府県の取組み" }),
                                ),
                                ("url", url()),
                            ],
                        ),
                    ),
                ),
            ],
        ),
    )
}

fn national() -> Value {
    root(
        "national.schema.json",
        "全国の数値（data/national.yaml）",
        obj(
            "全国の数値",
            vec![
                ("title!", text("見出し")),
                (
                    "figures!",
                    list(
                        "数値",
                        obj(
                            "数値",
                            vec![
                                ("label!", text("何の数か")),
                                ("value!", number("値")),
                                ("unit!", text("単位")),
                                ("share", number("割合（%）")),
                                ("date", date("時点")),
                                ("source!", source()),
                                ("verified!", flag("出典で確かめたか（false なら「出典未確認」と表示）")),
                                ("note", text("補足")),
                            ],
                        ),
                    ),
                ),
            ],
        ),
    )
}

fn accessibility_results() -> Value {
    let count = |d: &str| json!({ "type": "integer", "minimum": 0, "description": d });
    root(
        "accessibility-results.schema.json",
        "アクセシビリティの試験結果（data/accessibility-results.yaml。tests/browser/run.sh が書き出す）",
        obj(
            "ブラウザーでの試験の、最後にすべて通ったときの結果",
            vec![
                ("tested_on!", date("試験日")),
                ("pages!", count("試験したときのページ数")),
                ("browser", text("使ったブラウザーとその版")),
                (
                    "results!",
                    list(
                        "確かめたこと",
                        obj(
                            "試験",
                            vec![
                                ("check!", vocabulary("確かめたこと", vocab::A11Y_CHECKS)),
                                ("tool", text("道具とその版")),
                                ("pages!", count("対象のページ（地図、印刷物）の数")),
                                ("failures!", count("見つかった問題の数")),
                            ],
                        ),
                    ),
                ),
            ],
        ),
    )
}

fn prefecture() -> Value {
    root(
        "prefecture.schema.json",
        "都道府県の取組（data/prefectures/<都道府県コード>.yaml）",
        obj(
            "都道府県の、市町村の拠点等への支援と圏域",
            vec![
                (
                    "code!",
                    json!({ "type": "string", "pattern": "^[0-9]{2}$", "description": "都道府県コード（2桁、例：\"25\"）。ファイル名と同じ" }),
                ),
                ("summary", markdown("概要")),
                (
                    "support",
                    list(
                        "市町村への支援",
                        obj(
                            "支援",
                            vec![
                                ("kind!", vocabulary("種類", vocab::PREFECTURE_SUPPORTS)),
                                ("name!", text("名前")),
                                ("description", markdown("説明")),
                                ("since", date("開始")),
                                ("source", source()),
                                ("sample", sample()),
                            ],
                        ),
                    ),
                ),
                (
                    "areas",
                    list(
                        "障害保健福祉圏域",
                        obj(
                            "圏域",
                            vec![
                                ("name!", text("圏域の名前")),
                                (
                                    "members!",
                                    json!({ "type": "array", "items": { "type": "string", "pattern": "^[0-9]{6}$" }, "description": "市町村の団体コード（ひとつの市町村はひとつの圏域に）" }),
                                ),
                                ("note", text("補足")),
                                ("sample", sample()),
                            ],
                        ),
                    ),
                ),
                ("contact", contact("都道府県の問い合わせ先（電話番号か url を書きます）")),
                ("figures", list("都道府県の数値", figure())),
                ("sources", list("出典", source())),
                ("last_verified!", date("この記録を最後に確かめた日")),
                ("sample", sample()),
            ],
        ),
    )
}

/// A national add-on or a municipality's own support for registered providers.
fn incentive(what: &str) -> Value {
    obj(
        what,
        vec![
            ("name!", text("名前")),
            ("amount", text("単位数・金額")),
            ("services", vocab_list("対象のサービスの種類（書かなければすべて）", vocab::SERVICES)),
            ("condition", text("対象になる事業所の条件（機能強化型など）")),
            ("description", markdown("説明")),
            ("source!", source()),
            ("verified!", flag("出典で確かめたか（false なら「未確認」と表示）")),
            ("note", text("補足")),
            ("sample", sample()),
        ],
    )
}

fn incentives() -> Value {
    root(
        "incentives.schema.json",
        "登録すると得られること（data/incentives.yaml）",
        obj(
            "加算などの一覧",
            vec![
                ("incentives!", list("加算など", incentive("加算など"))),
                (
                    "voices",
                    obj(
                        "事業所の声",
                        vec![
                            (
                                "municipality",
                                json!({ "type": "string", "pattern": "^[0-9]{6}$", "description": "声を集めた市区町村のコード（ほかの市区町村のチラシでは「参考：○○市の登録事業所の声」と出ます）" }),
                            ),
                            ("title!", text("見出し")),
                            ("source!", source()),
                            ("items!", texts("声")),
                        ],
                    ),
                ),
            ],
        ),
    )
}

fn synonyms() -> Value {
    root(
        "synonyms.schema.json",
        "検索の同義語（data/synonyms.yaml）",
        obj(
            "同義語",
            vec![(
                "groups!",
                list(
                    "同じ意味のことばの組",
                    json!({ "type": "array", "minItems": 2, "items": { "type": "string" }, "description": "どれで検索しても同じページが見つかることば" }),
                ),
            )],
        ),
    )
}

fn case_front() -> Value {
    root(
        "case.schema.json",
        "取組事例の前付け（content/cases/*.md の --- で囲んだ部分）",
        obj(
            "取組事例",
            vec![
                ("title!", text("題名")),
                ("prefecture!", text("都道府県名（例：千葉県）")),
                (
                    "municipality",
                    json!({ "type": "string", "pattern": "^[0-9]{6}$", "description": "市区町村コード（6桁）" }),
                ),
                ("area", text("圏域など")),
                (
                    "meeting",
                    text(
                        "報告されたブロック会議の開催都道府県（事例の都道府県と違うとき。合同開催は「熊本県・宮崎県・鹿児島県」のように・でつなぐ）",
                    ),
                ),
                ("status", vocabulary("事例の発表の時点の整備状況", vocab::CASE_STATUSES)),
                ("type", vocabulary("整備類型", vocab::TYPES)),
                ("functions", vocab_list("関係する機能", vocab::FUNCTIONS)),
                ("summary!", text("要約（一覧に出ます）")),
                ("order", json!({ "type": "integer", "minimum": 0, "description": "並び順" })),
                ("source!", source()),
                ("sample", sample()),
            ],
        ),
    )
}

fn page_front() -> Value {
    root(
        "page.schema.json",
        "案内ページの前付け（content/guide/*.md、content/recruit/*.md）",
        obj(
            "案内ページ",
            vec![
                ("title!", text("題名")),
                ("description", text("説明（一文）")),
                ("order", json!({ "type": "integer", "minimum": 0, "description": "並び順" })),
                ("easy_japanese", flag("やさしい日本語で書いたページなら true")),
                ("sources", list("出典", source())),
                ("sample", sample()),
            ],
        ),
    )
}
