//! The one place that defines vocabulary ids and their Japanese labels.

use serde::{Serialize, Serializer};
use std::collections::HashMap;
use std::sync::LazyLock;

/// One term of a vocabulary: a stable id in data and code, a Japanese label on pages.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    /// The id used in data files and URLs (`short_stay`).
    pub id: &'static str,
    /// The label shown on pages (短期入所).
    pub label: &'static str,
    /// A short plain-Japanese explanation shown next to the label.
    pub description: &'static str,
}

/// Terms are the same when their ids are (ids are unique within a vocabulary).
impl PartialEq for Term {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// A term as written out: `{id, label, description}`.
#[derive(Serialize)]
struct Fields<'a> {
    id: &'a str,
    label: &'a str,
    description: &'a str,
}

/// Every term of the vocabularies as a template value, made once. Pages carry
/// terms by the hundred thousand (each provider lists its functions, services and
/// groups); Tera takes a `Value` met while serialising a context as it is (a
/// shared pointer), so a term costs a lookup instead of a map of three strings.
static VALUES: LazyLock<HashMap<(&'static str, &'static str), tera::Value>> = LazyLock::new(|| {
    [
        FUNCTIONS,
        TYPES,
        STATUSES,
        SERVICES,
        ACCEPTS,
        PRE_REGISTRATION_STATUSES,
        PRE_REGISTRATION_GIVES,
        AFTER_CALL_STATUSES,
        CONTACT_PURPOSES,
        PREPARATION_ITEMS,
        HOURS_PRESETS,
        DAY_KINDS,
    ]
    .into_iter()
    .flatten()
    .map(|t| ((t.id, t.label), tera::Value::from_serializable(&t.fields())))
    .collect()
});

impl Term {
    fn fields(&self) -> Fields<'_> {
        Fields { id: self.id, label: self.label, description: self.description }
    }
}

/// Written as `{id, label, description}` everywhere: into templates through the
/// value made once (with Tera's `preserve_order`, its fields keep this order in
/// JSON too), anything else field by field.
impl Serialize for Term {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match VALUES.get(&(self.id, self.label)) {
            Some(v) => v.serialize(s),
            None => self.fields().serialize(s),
        }
    }
}

const fn t(id: &'static str, label: &'static str, description: &'static str) -> Term {
    Term { id, label, description }
}

/// The five functions of 地域生活支援拠点等 plus 地域移行 (made explicit by the 2022 revision).
pub const FUNCTIONS: &[Term] = &[
    t("consultation", "相談", "いつでも連絡がとれる体制で、緊急のときに必要なサービスの調整や相談を行います。"),
    t(
        "emergency",
        "緊急時の受入・対応",
        "家族の急病などのとき、短期入所などで受け入れたり、医療機関への連絡などを行います。",
    ),
    t("experience", "体験の機会・場", "グループホームや一人暮らしを体験する機会や場を提供します。"),
    t("expertise", "専門的人材の確保・養成", "医療的ケアや行動障害などに専門的に対応できる人材を確保・養成します。"),
    t("network", "地域の体制づくり", "地域の事業所や関係機関が連携し、必要なサービスを提供できる体制をつくります。"),
    t("transition", "地域移行", "施設や病院から地域での暮らしへの移行を進めます（2022年の法改正で明確化）。"),
];

/// 整備類型.
pub const TYPES: &[Term] = &[
    t("multi_function", "多機能拠点整備型", "一つの拠点に機能を集約して整備する型"),
    t("area_network", "面的整備型", "地域の複数の機関が分担して機能を担う型"),
    t("combined", "併用整備型", "多機能拠点整備型と面的整備型を組み合わせた型"),
];

/// 整備状況.
/// 整備状況 as the national survey counts it (整備済 / 整備予定 / その他・未定).
pub const STATUSES: &[Term] = &[
    t("established", "整備済", "地域生活支援拠点等が整備されています"),
    t("planned", "整備予定", "整備する年度を決めて準備しています"),
    t("undecided", "その他・未定", "整備の時期はまだ決まっていません"),
];

/// 整備状況 of a case at the time it was presented: the catalogue writes only
/// 【整備済】 or 【未整備】, without a target year.
pub const CASE_STATUSES: &[Term] = &[
    t("established", "整備済", "事例の発表の時点で整備されていました"),
    t("planned", "未整備", "事例の発表の時点では整備に向けて準備中でした"),
];

/// Service kinds a registered provider may offer.
pub const SERVICES: &[Term] = &[
    t("core_consultation", "基幹相談支援センター", "地域の相談支援の中核となる機関"),
    t("specific_consultation", "特定相談支援", "サービス等利用計画の作成など"),
    t("general_consultation", "一般相談支援", "地域移行支援・地域定着支援"),
    t("child_consultation", "障害児相談支援", "障害児支援利用計画の作成など"),
    t("community_transition", "地域移行支援", "施設や病院から地域への移行の支援"),
    t("community_settlement", "地域定着支援", "一人暮らしの方への常時の連絡体制と緊急時の支援"),
    t("independent_living", "自立生活援助", "一人暮らしを始めた方への定期的な訪問など"),
    t("activity_center", "地域活動支援センター", "創作活動や交流の場、相談"),
    t("short_stay", "短期入所", "ショートステイ。短い期間の宿泊による支援"),
    t(
        "medical_short_stay",
        "医療型短期入所",
        "医療的ケアが必要な人のショートステイ（病院・診療所・介護老人保健施設などで）",
    ),
    t("group_home", "共同生活援助", "グループホーム"),
    t("home_visit", "訪問系サービス", "居宅介護・重度訪問介護など"),
    t("day_activity", "日中活動系サービス", "生活介護・就労系サービスなど"),
    t("residential_facility", "障害者支援施設", "施設入所支援"),
    t("medical", "医療機関", "病院・診療所"),
    t("government", "行政機関", "市区町村の窓口・保健福祉センターなど"),
    t(
        "care_insurance_facility",
        "介護保険施設",
        "介護老人保健施設（老健）など。空いている床を緊急時に使う取組があります",
    ),
    t("lodging", "宿泊施設", "ホテル・民宿など。制度の外で、一時的に泊まる場所として"),
    t("ibasho", "居場所", "気軽に立ち寄れる、安心して過ごせる場所"),
    t("other", "その他", "上のどれにも当てはまらない資源（名前は事業所ごとに other_service に書きます）"),
];

/// Who a provider accepts.
pub const ACCEPTS: &[Term] = &[
    t("physical", "身体障害", ""),
    t("intellectual", "知的障害", ""),
    t("mental", "精神障害", ""),
    t("intractable", "難病", ""),
    t("children", "障害児", ""),
    t("medical_care", "医療的ケア", ""),
    t("severe_behavior", "強度行動障害", ""),
    t("brain_injury", "高次脳機能障害", ""),
    t("developmental", "発達障害", ""),
];

/// Whether a municipality's 事前登録 (advance registration of a person) takes
/// applications yet.
pub const PRE_REGISTRATION_STATUSES: &[Term] = &[
    t("available", "受付中", "いま申し込めます"),
    t("planned", "準備中", "始める方針が決まっています。始まる時期は市区町村にお問い合わせください"),
];

/// What 事前登録 gives a registered person, as the municipalities' documents say it.
pub const PRE_REGISTRATION_GIVES: &[Term] = &[
    t("regular_consultation", "ふだんからの相談", "ふだんから続けて相談にのってもらえます"),
    t("urgent_consultation", "急なときの相談", "急に困ったときにも相談にのってもらえます"),
    t("advance_planning", "もしもに備えた調整", "もしものときに使うサービスを、前もって調整してもらえます"),
    t("info_sharing", "支援者どうしの情報共有", "支援する人たちが、本人のことを前もって知っておけます"),
    t("emergency_plan", "緊急時個別支援計画", "緊急のときにどうするかの計画を、前もって作ります"),
    t("priority_placement", "優先的な受入調整", "緊急のとき、泊まる場所を優先して探してもらえます"),
    t("trial_stay", "体験の利用", "家族と離れて暮らす体験（短期入所など）を使えます"),
];

/// What a prefecture does for its municipalities' bases (都道府県の役割).
pub const PREFECTURE_SUPPORTS: &[Term] = &[
    t("coordination", "広域調整", "市町村をまたぐ調整（圏域での整備、受入れ先の確保など）"),
    t("training", "研修", "コーディネーターや相談支援専門員などの研修"),
    t("advisor", "アドバイザー派遣", "整備や運用について助言する人を市町村に派遣します"),
    t("follow_up", "進捗管理・フォローアップ", "市町村の整備の進み具合を確かめ、遅れているところを支援します"),
    t("meeting", "会議・情報交換", "市町村や事業所が集まる会議、事例の共有"),
    t("funding", "財政支援", "県の補助など"),
    t("other", "その他", "そのほかの支援"),
];

/// What kind of place a provider states it has for emergencies.
pub const PLACE_KINDS: &[Term] = &[
    t("kept", "常に確保している床", "緊急時のために、いつも空けている床です（「常に1床は空けるように」など）"),
    t("vacant", "空いている床", "確認した日に空いていた床です"),
];

/// A provider's place for emergencies, as of the day the site is built.
pub const PLACE_STATES: &[Term] = &[t(
    "available",
    "空きあり（確認済み）",
    "緊急時に使える床があると、最近（サイトの設定の日数以内に）確かめています",
)];

/// A provider's `place_now` when it has a recently confirmed place (else empty).
pub static PLACE_AVAILABLE: [&Term; 1] = [&PLACE_STATES[0]];

/// How a base pays its coordinators (seed 004 8-1: the national add-on or the
/// municipality's own money).
pub const COORDINATOR_FUNDINGS: &[Term] = &[
    t("addon", "機能強化加算", "事業所が地域生活支援拠点等機能強化加算を算定して配置しています"),
    t("commission", "委託料", "市区町村が業務委託の委託料で配置しています"),
    t("subsidy", "地域生活支援事業", "地域生活支援事業の補助で配置しています（経過的な扱い）"),
    t("other", "その他", "そのほかの財源で配置しています"),
];

/// Where an action of a review stands (PDCA: いつまでに何をどのように改善するか).
pub const ACTION_STATUSES: &[Term] = &[
    t("not_started", "未着手", "まだ取りかかっていません"),
    t("in_progress", "進行中", "取り組んでいるところです"),
    t("done", "完了", "終わりました"),
    t("unknown", "未確認", "資料に取組の状況が書かれていません"),
];

/// Whether a municipality's steps after a call (its 緊急時対応の流れ) are settled.
pub const AFTER_CALL_STATUSES: &[Term] = &[
    t("set", "決まっています", "電話のあとの流れは、次のとおりです"),
    t("revising", "見直し中", "電話のあとの流れ（フローチャートなど）を見直しているところです"),
    t("drafting", "作成中", "電話のあとの流れを、いま作っているところです"),
];

/// What a contact is for.
pub const CONTACT_PURPOSES: &[Term] = &[
    t("emergency", "緊急時の連絡", "困ったとき、まず電話するところです"),
    t("consultation", "相談", "ふだんの相談や、急な相談にのります"),
    t("placement", "緊急時の受入調整", "泊まる場所（短期入所など）を探して調整します"),
    t("night_holiday", "夜間・休日の緊急時支援", "夜や休みの日に、家に来るなどして支えます"),
    t("office", "市区町村の担当窓口", "障害福祉の担当課です"),
];

/// When a contact answers, in the coarse words the municipalities' documents use.
/// 平日の日中 and 夜間・休日 meet at the site's daytime bounds (`contact_daytime`).
pub const HOURS_PRESETS: &[Term] = &[
    t("always", "24時間365日", "いつでもつながります"),
    t("weekday_daytime", "平日の日中", "土曜・日曜・祝日・年末年始を除く日の昼間につながります"),
    t("nights_holidays", "夜間・休日", "平日の夜と、土曜・日曜・祝日・年末年始につながります"),
];

/// Kinds of day an answering window applies to. 祝日 covers 国民の祝日, 振替休日,
/// 国民の休日 and 年末年始 (12月29日〜1月3日), as municipal offices close on them.
pub const DAY_KINDS: &[Term] = &[
    t("weekdays", "平日", "月曜から金曜（祝日・年末年始を除く）"),
    t("saturdays", "土曜", "土曜日（祝日・年末年始を除く）"),
    t("sundays", "日曜", "日曜日（祝日・年末年始を除く）"),
    t("holidays", "祝日・年末年始", "国民の祝日、振替休日、国民の休日、12月29日〜1月3日"),
];

/// Fields of a provider that may be invented while the rest is real (a real
/// provider's name with a sample number): `sample_fields`.
pub const SAMPLE_FIELDS: &[Term] = &[
    t("phone", "電話番号", "電話番号はサンプルです"),
    t("address", "所在地", "所在地はサンプルです"),
    t("location", "地図の位置", "地図の位置はサンプルです"),
    t("accepts", "受け入れている人", "受け入れている人はサンプルです"),
    t("hours", "受付時間", "受付時間はサンプルです"),
];

/// What a family can prepare before anything happens (緊急時の備え), in plain words.
pub const PREPARATION_ITEMS: &[Term] = &[
    t("pre_registration", "事前登録", "困ったときにすぐ助けてもらえるように、本人のことを前もって登録しておきます"),
    t("emergency_plan", "緊急時個別支援計画", "もしものときに、だれが何をするかを前もって決めておく計画です"),
    t("evacuation_plan", "個別避難計画", "地震や大雨のとき、どこへどうやって逃げるかを決めておく計画です"),
    t(
        "needs_sheet",
        "本人の情報シート",
        "病気、くすり、できること、苦手なことを書いておく紙です。泊まるところに渡せます",
    ),
    t("future_plan", "将来の暮らしの計画", "家族が世話をできなくなったあとの暮らしを、前もって考えておく計画です"),
    t("trial_stay", "短期入所の体験", "ショートステイを前もって使っておくと、急なときも本人が安心できます"),
];

/// A named vocabulary, used by the checker to produce "did you mean" hints.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    /// What the vocabulary is called in diagnostics.
    pub name: &'static str,
    /// Its terms, in display order.
    pub terms: &'static [Term],
}

/// The checks of the browser gates an accessibility statement reports
/// (`data/accessibility-results.yaml`, written by tests/browser/run.sh).
pub const A11Y_CHECKS: &[Term] = &[
    t("nu", "HTML の文法", "Nu Html Checker でエラーがないこと"),
    t("axe", "WCAG 2.0・2.1 のレベル A・AA のうち機械で判定できる規則", "axe-core で違反がないこと"),
    t("links", "リンク切れ", "サイトの中のリンクとページ内のリンクがすべて開けること"),
    t("keyboard", "キーボードだけでの操作", "キーボードだけで地図のすべての地点に移動できること"),
    t("phone_width", "スマートフォンの幅", "幅 390 px の画面でページが横にはみ出さないこと"),
    t("map_view", "地図の印の大きさと重なり", "地図の最初の表示で、印が 24 px 以上、押せる範囲が重ならないこと"),
    t("chart_text", "グラフの文字の大きさ", "幅 390 px の画面でグラフの文字が 12 px 以上であること"),
    t("print", "印刷", "チラシと緊急連絡先カードが A4 用紙 1 枚に収まること"),
    t("lighthouse", "Lighthouse のアクセシビリティ得点", "主なページで 100 点であること"),
];

/// The checks an accessibility statement reports.
pub const A11Y_CHECK: Vocabulary = Vocabulary { name: "accessibility check", terms: A11Y_CHECKS };

/// The functions of a base.
pub const FUNCTION: Vocabulary = Vocabulary { name: "function", terms: FUNCTIONS };
/// 整備類型.
pub const TYPE: Vocabulary = Vocabulary { name: "type (整備類型)", terms: TYPES };
/// 整備状況.
pub const STATUS: Vocabulary = Vocabulary { name: "status (整備状況)", terms: STATUSES };
/// What a prefecture does.
pub const PREFECTURE_SUPPORT: Vocabulary = Vocabulary { name: "prefecture support", terms: PREFECTURE_SUPPORTS };
/// What kind of place for emergencies.
pub const PLACE_KIND: Vocabulary = Vocabulary { name: "place kind", terms: PLACE_KINDS };
/// How coordinators are paid.
pub const COORDINATOR_FUNDING: Vocabulary = Vocabulary { name: "coordinator funding", terms: COORDINATOR_FUNDINGS };
/// Where an action, a roadmap step or a challenge stands.
pub const ACTION_STATUS: Vocabulary = Vocabulary { name: "action status", terms: ACTION_STATUSES };
/// A case's 整備状況 when presented.
pub const CASE_STATUS: Vocabulary = Vocabulary { name: "case status (整備状況)", terms: CASE_STATUSES };
/// Service kinds.
pub const SERVICE: Vocabulary = Vocabulary { name: "service kind", terms: SERVICES };
/// Whom a provider accepts.
pub const ACCEPT: Vocabulary = Vocabulary { name: "accepted group", terms: ACCEPTS };
/// Whether 事前登録 takes applications.
pub const PRE_REGISTRATION_STATUS: Vocabulary =
    Vocabulary { name: "pre_registration.status", terms: PRE_REGISTRATION_STATUSES };
/// Whether the steps after a call are settled.
pub const AFTER_CALL_STATUS: Vocabulary = Vocabulary { name: "after_call.status", terms: AFTER_CALL_STATUSES };
/// What a family can prepare.
pub const PREPARATION_ITEM: Vocabulary = Vocabulary { name: "preparation item", terms: PREPARATION_ITEMS };
/// Invented fields of a provider.
pub const SAMPLE_FIELD: Vocabulary = Vocabulary { name: "sample field", terms: SAMPLE_FIELDS };
/// What a contact is for.
pub const CONTACT_PURPOSE: Vocabulary = Vocabulary { name: "contact purpose", terms: CONTACT_PURPOSES };
/// When a contact answers, coarsely.
pub const HOURS_PRESET: Vocabulary = Vocabulary { name: "hours", terms: HOURS_PRESETS };
/// Kinds of day.
pub const DAY_KIND: Vocabulary = Vocabulary { name: "days", terms: DAY_KINDS };
/// What 事前登録 gives.
pub const PRE_REGISTRATION_GIVE: Vocabulary =
    Vocabulary { name: "pre_registration.gives", terms: PRE_REGISTRATION_GIVES };

/// The label of the term `id` names in `terms`, or `id` itself when none does
/// (a value written before its term was renamed still reads).
pub fn label_of<'a>(terms: &[Term], id: &'a str) -> &'a str {
    terms.iter().find(|t| t.id == id).map_or(id, |t| t.label)
}

impl Vocabulary {
    /// The term with this id.
    pub fn get(&self, id: &str) -> Option<&'static Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// Where the term stands in display order (unknown ids last).
    pub fn position(&self, id: &str) -> usize {
        self.terms.iter().position(|t| t.id == id).unwrap_or(usize::MAX)
    }

    /// A "did you mean" for an unknown id or a label typed instead of an id.
    pub fn suggest(&self, input: &str) -> Option<String> {
        crate::diagnostics::did_you_mean(input, self.terms.iter().map(|t| (t.id, t.label)))
    }

    /// Every id, comma-separated, for hints.
    pub fn ids(&self) -> String {
        self.terms.iter().map(|t| t.id).collect::<Vec<_>>().join(", ")
    }
}

/// Everything templates need to turn ids into labels.
#[derive(Debug, Serialize)]
pub struct VocabularyView {
    /// The functions.
    pub functions: &'static [Term],
    /// 整備類型.
    pub types: &'static [Term],
    /// 整備状況.
    pub statuses: &'static [Term],
    /// 整備状況 of cases when presented.
    pub case_statuses: &'static [Term],
    /// Where an action stands.
    pub action_statuses: &'static [Term],
    /// Service kinds.
    pub services: &'static [Term],
    /// Whom providers accept.
    pub accepts: &'static [Term],
    /// What a family can prepare.
    pub preparation: &'static [Term],
}

/// Every vocabulary, for templates.
pub fn view() -> VocabularyView {
    VocabularyView {
        functions: FUNCTIONS,
        types: TYPES,
        statuses: STATUSES,
        case_statuses: CASE_STATUSES,
        action_statuses: ACTION_STATUSES,
        services: SERVICES,
        accepts: ACCEPTS,
        preparation: PREPARATION_ITEMS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_in_each_vocabulary() {
        for v in [
            FUNCTION,
            TYPE,
            STATUS,
            CASE_STATUS,
            ACTION_STATUS,
            COORDINATOR_FUNDING,
            PREFECTURE_SUPPORT,
            PLACE_KIND,
            SERVICE,
            ACCEPT,
            PRE_REGISTRATION_STATUS,
            PRE_REGISTRATION_GIVE,
            AFTER_CALL_STATUS,
            CONTACT_PURPOSE,
            HOURS_PRESET,
            DAY_KIND,
            SAMPLE_FIELD,
            PREPARATION_ITEM,
        ] {
            let mut ids: Vec<_> = v.terms.iter().map(|t| t.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), v.terms.len(), "{}", v.name);
        }
    }

    #[test]
    fn a_term_is_written_with_its_fields_in_order_whether_made_once_or_not() {
        let made_once = serde_json::to_string(&FUNCTIONS[1]).unwrap();
        let want = format!(
            r#"{{"id":"emergency","label":"緊急時の受入・対応","description":"{}"}}"#,
            FUNCTIONS[1].description
        );
        assert_eq!(made_once, want);
        let elsewhere = Term { id: "x", label: "エックス", description: "説明" };
        assert_eq!(serde_json::to_string(&elsewhere).unwrap(), r#"{"id":"x","label":"エックス","description":"説明"}"#);
        // In a template context the value made once is what the page sees.
        let mut ctx = tera::Context::new();
        ctx.insert("t", &[FUNCTIONS[1]]);
        let mut tera = tera::Tera::default();
        tera.add_raw_template("x", "{{ t[0].label }}/{{ t[0].id }}").unwrap();
        assert_eq!(tera.render("x", &ctx).unwrap(), "緊急時の受入・対応/emergency");
    }

    #[test]
    fn suggestions_match_typos_and_japanese_labels() {
        assert!(FUNCTION.suggest("emergncy").unwrap().contains("\"emergency\""));
        assert!(SERVICE.suggest("短期入所").unwrap().contains("\"short_stay\""));
        assert!(SERVICE.suggest("shortstay").unwrap().contains("\"short_stay\""));
        assert_eq!(FUNCTION.suggest("zzzzzzzzzzzz"), None);
    }
}

/// A kind of filter, with its label.
#[derive(Debug, Serialize)]
pub struct FacetKind {
    /// The id in URLs (`/cases/status/…`).
    pub id: &'static str,
    /// The label on pages.
    pub label: &'static str,
}

/// The facets of the case catalogue, in the order the filter menu shows them.
pub const CASE_FACETS: &[FacetKind] = &[
    FacetKind { id: "pref", label: "都道府県" },
    FacetKind { id: "status", label: "整備状況" },
    FacetKind { id: "type", label: "整備類型" },
    FacetKind { id: "function", label: "重視する機能" },
];

/// The 拠点マップ's filters, in menu order.
pub const MAP_FACETS: &[FacetKind] = &[
    FacetKind { id: "function", label: "機能" },
    FacetKind { id: "service", label: "サービス" },
    FacetKind { id: "accepts", label: "受け入れている人" },
    FacetKind { id: "place", label: "緊急時の床" },
    FacetKind { id: "m", label: "市区町村" },
];

/// The rows of the 五十音 index and the first sounds each holds.
pub const KANA_ROWS: &[(&str, &str)] = &[
    ("あ行", "あいうえおぁぃぅぇぉゔ"),
    ("か行", "かきくけこがぎぐげご"),
    ("さ行", "さしすせそざじずぜぞ"),
    ("た行", "たちつてとだぢづでどっ"),
    ("な行", "なにぬねの"),
    ("は行", "はひふへほばびぶべぼぱぴぷぺぽ"),
    ("ま行", "まみむめも"),
    ("や行", "やゆよゃゅょ"),
    ("ら行", "らりるれろ"),
    ("わ行", "わをん"),
];

/// The kinds of search results, in the order results are grouped (the labels are
/// also the values of the search index's kind filter).
pub const SEARCH_KINDS: [&str; 5] = ["市区町村", "事業所", "事例", "ガイド", "募集"];
