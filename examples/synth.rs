//! A synthetic nationwide site for the benchmark (issue 8): every municipality of
//! the gazetteer, providers spread by population-like weights, coordinates inside
//! each municipality's boundary, cases of 1–3 KB of Japanese Markdown. Phones are
//! impossible numbers (000-…) and everything is marked `sample: true`.
//!
//!   cargo run --release --example synth -- [--providers 100000] [--cases 2000] [--seed 1] [--hard] OUT
//!
//! `--hard` (issue 22) shapes the corpus more like the country: providers weighted by
//! (approximate) population, so the largest 政令市 have thousands (横浜市 4,833
//! of 100,000); every established base fills its optional sections (coordinator, 事前登録,
//! what happens after the call, roadmap, reviews with actions); case bodies of 800–3,000
//! characters with headings, lists, tables and ruby.
//!
//! The same arguments always give the same files. The result passes `kyoten check`.

use kyoten::diagnostics::Diagnostics;
use kyoten::geo::Boundaries;
use kyoten::model::gazetteer::{Entry, Gazetteer};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// xorshift64*: small, fast and deterministic; quality is irrelevant here.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const WORDS: &[&str] = &[
    "ひかり",
    "あおば",
    "さくら",
    "みどり",
    "わかば",
    "ひまわり",
    "すずらん",
    "つばさ",
    "なごみ",
    "ほほえみ",
    "やまびこ",
    "あさひ",
    "こもれび",
    "はるかぜ",
    "そよかぜ",
    "けやき",
    "かえで",
    "いずみ",
    "のぞみ",
    "きずな",
    "ゆうあい",
    "たんぽぽ",
];
const TOWNS: &[&str] = &[
    "本町",
    "栄町",
    "緑町",
    "旭町",
    "中央",
    "幸町",
    "若葉",
    "桜台",
    "東町",
    "西町",
    "南町",
    "北町",
    "新町",
    "宮前",
    "城山",
    "青葉台",
    "富士見",
    "日の出町",
    "松原",
    "竹の内",
    "梅が丘",
    "平和台",
    "駅前",
    "錦町",
    "大手町",
];
const CORPORATIONS: &[&str] =
    &["社会福祉法人", "特定非営利活動法人", "一般社団法人", "株式会社", "合同会社", "医療法人", "社会福祉協議会"];
/// (service id, a word for the facility's name)
const KINDS: &[(&str, &str)] = &[
    ("short_stay", "ショートステイ"),
    ("group_home", "グループホーム"),
    ("specific_consultation", "相談支援センター"),
    ("general_consultation", "地域相談支援センター"),
    ("child_consultation", "こども相談室"),
    ("home_visit", "ヘルパーステーション"),
    ("day_activity", "生活介護事業所"),
    ("activity_center", "地域活動支援センター"),
    ("community_settlement", "地域定着支援センター"),
    ("independent_living", "自立生活援助事業所"),
    ("residential_facility", "支援センター"),
];
const FUNCTIONS: &[&str] = &["consultation", "emergency", "experience", "expertise", "network"];
const ACCEPTS: &[&str] = &[
    "physical",
    "intellectual",
    "mental",
    "intractable",
    "children",
    "medical_care",
    "severe_behavior",
    "brain_injury",
    "developmental",
];
const TYPES: &[&str] = &["area_network", "multi_function", "combined"];
const SENTENCES: &[&str] = &[
    "障害のある人の重度化・高齢化や「親亡き後」を見据え、地域全体で暮らしを支える体制を整えてきました。",
    "基幹相談支援センターが中心となり、相談支援事業所や短期入所事業所との連絡会を毎月開いています。",
    "緊急時に備えて、支援が必要になりそうな方の事前登録を進め、登録票をもとに関係機関で情報を共有しています。",
    "家族が急に入院したときにも、夜間や休日を含めて受け入れ先を調整できるよう、当番制の連絡体制をつくりました。",
    "グループホームの空き室を使った体験利用では、一人暮らしを考えている方が数日から一週間ほど生活を試しています。",
    "医療的ケアが必要な方の受入れに向けて、看護師を交えた研修を年に数回行い、対応できる職員を増やしています。",
    "強度行動障害のある方への支援について、事業所どうしで事例検討会を開き、支援の方法を学び合っています。",
    "地域自立支援協議会の専門部会で、拠点の機能ごとに運用状況を検証し、毎年度の改善点をまとめています。",
    "精神科病院からの地域移行を進めるため、病院のケースワーカーと地域の相談支援専門員が定期的に面談しています。",
    "コーディネーターを配置し、緊急時の相談から受入れ、その後の生活の立て直しまでを一貫して支えています。",
    "小規模な町村が連携して圏域で拠点を整備し、人材や施設を分け合うことで、少ない資源でも機能を確保しました。",
    "拠点の取組みを知ってもらうため、当事者や家族向けの説明会を開き、わかりやすいパンフレットを配りました。",
];
const HEADINGS: &[&str] = &["経緯", "体制", "緊急時の対応", "体験の機会・場", "人材の育成", "課題と今後"];

/// Population-like weight from the kind of municipality: designated cities,
/// Tokyo's special wards and other cities weigh more than towns and villages.
fn weight(e: &Entry, designated: &std::collections::HashSet<&str>) -> f64 {
    if designated.contains(e.code.as_str()) {
        40.0
    } else if e.name.ends_with('区') {
        12.0
    } else if e.name.ends_with('市') {
        4.0 + (e.code.as_bytes()[5] % 3) as f64
    } else if e.name.ends_with('町') {
        1.0
    } else {
        0.4
    }
}

/// 政令市 by code with their population in 万人 (approximate, 2020 census order of
/// magnitude; only the shape of the distribution matters here).
const DESIGNATED_POPULATION: &[(&str, f64)] = &[
    ("141003", 377.0),
    ("271004", 275.0),
    ("231002", 233.0),
    ("011002", 197.0),
    ("401307", 161.0),
    ("141305", 154.0),
    ("281000", 151.0),
    ("261009", 146.0),
    ("111007", 134.0),
    ("341002", 120.0),
    ("041009", 109.0),
    ("121002", 98.0),
    ("401005", 93.0),
    ("271403", 82.0),
    ("221309", 79.0),
    ("151009", 77.0),
    ("431001", 74.0),
    ("141500", 72.0),
    ("331007", 72.0),
    ("221007", 68.0),
];

/// The harder shape's weight: population-like with a long tail. 政令市 count 3.5 times
/// (more providers per head in large cities), so the largest has thousands.
fn weight_hard(e: &Entry) -> f64 {
    if let Some((_, pop)) = DESIGNATED_POPULATION.iter().find(|(c, _)| *c == e.code) {
        3.5 * pop
    } else if e.name.ends_with('区') {
        42.0
    } else if e.name.ends_with('市') {
        3.0 + 4.0 * (e.code.as_bytes()[4] - b'0') as f64
    } else if e.name.ends_with('町') {
        1.5
    } else {
        0.3
    }
}

/// Split `total` over `weights` (largest remainder), so the counts add up exactly.
fn allocate(total: usize, weights: &[f64]) -> Vec<usize> {
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| w / sum * total as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| (exact[*b] - exact[*b].floor()).total_cmp(&(exact[*a] - exact[*a].floor())).then(a.cmp(b)));
    let missing = total - counts.iter().sum::<usize>();
    for i in order.into_iter().take(missing) {
        counts[i] += 1;
    }
    counts
}

fn q(s: &str) -> String {
    serde_json::to_string(s).expect("string")
}

fn phone(rng: &mut Rng) -> String {
    format!("000-{:04}-{:04}", rng.below(10_000), rng.below(10_000))
}

/// A point inside the municipality: around its office, kept only if inside its boundary.
fn location(e: &Entry, geo: &Boundaries, rng: &mut Rng) -> Option<(f64, f64)> {
    let shape = geo.municipalities.get(&e.code);
    for _ in 0..30 {
        let lat = ((e.lat + (rng.unit() - 0.5) * 0.06) * 1e6).round() / 1e6;
        let lon = ((e.lon + (rng.unit() - 0.5) * 0.08) * 1e6).round() / 1e6;
        if shape.is_none_or(|s| s.contains(lon, lat)) {
            return Some((lat, lon));
        }
    }
    shape.is_none_or(|s| s.contains(e.lon, e.lat)).then_some((e.lat, e.lon))
}

/// The optional sections an established base fills in the harder corpus.
fn full_sections(y: &mut String, e: &Entry, rng: &mut Rng) {
    let _ = writeln!(y, "coordinator:");
    let _ = writeln!(y, "  placed: true");
    let _ = writeln!(y, "  count: {}", 1 + rng.below(3));
    let _ = writeln!(y, "  body: {}", q(&format!("{}基幹相談支援センター", e.name)));
    let _ = writeln!(y, "  funding: {}", rng.pick(&["addon", "commission", "subsidy"]));
    let _ = writeln!(y, "  around_the_clock: {}", rng.chance(0.5));
    let _ = writeln!(y, "pre_registration:");
    let _ = writeln!(y, "  status: {}", if rng.chance(0.6) { "available" } else { "planned" });
    let _ = writeln!(y, "  name: 事前登録");
    let _ = writeln!(y, "  apply_at: {}", q(&format!("{}基幹相談支援センター", e.name)));
    let _ = writeln!(y, "  note: {}", q(rng.pick::<&str>(SENTENCES)));
    let _ = writeln!(y, "after_call:");
    let _ = writeln!(y, "  status: {}", rng.pick(&["revising", "drafting"]));
    let _ = writeln!(y, "  note: {}", q(rng.pick::<&str>(SENTENCES)));
    let _ = writeln!(y, "roadmap:");
    for (year, status) in [(5, "done"), (6, "done"), (7, "in_progress"), (8, "not_started")] {
        let _ = writeln!(y, "  - period: 令和{year}年度");
        let _ = writeln!(y, "    items: [{}, {}]", q(rng.pick::<&str>(HEADINGS)), q(rng.pick::<&str>(HEADINGS)));
        let _ = writeln!(y, "    status: {status}");
    }
}

/// A review with findings turned into actions (the harder corpus).
fn review_actions(y: &mut String, rng: &mut Rng) {
    let _ = writeln!(y, "    actions:");
    for k in 0..2 + rng.below(4) {
        let _ = writeln!(y, "      - id: a{k}");
        let _ = writeln!(y, "        what: {}", q(rng.pick::<&str>(SENTENCES)));
        let _ = writeln!(y, "        status: {}", rng.pick(&["not_started", "in_progress", "done"]));
        let _ = writeln!(y, "        due: 2026-{:02}-28", 1 + rng.below(12));
        let _ = writeln!(y, "        functions: [{}]", rng.pick(FUNCTIONS));
    }
}

fn municipality_yaml(
    e: &Entry,
    wards: &[&Entry],
    providers: usize,
    geo: &Boundaries,
    rng: &mut Rng,
    hard: bool,
) -> String {
    let mut y = String::with_capacity(256 + providers * 420);
    let established = rng.chance(0.6);
    let _ = writeln!(y, "# 合成データ（kyoten のベンチマーク用）。実在の事業所・連絡先ではありません。");
    let _ = writeln!(y, "code: {}", q(&e.code));
    let _ = writeln!(y, "status: {}", if established { "established" } else { "planned" });
    if established {
        let _ = writeln!(y, "established: 令和{}年{}月", rng.below(6) + 2, rng.below(12) + 1);
    } else {
        let _ = writeln!(y, "plan: 令和{}年度中に整備する予定です。", rng.below(3) + 8);
    }
    let _ = writeln!(y, "type: {}", rng.pick(TYPES));
    if hard && established {
        full_sections(&mut y, e, rng);
    }
    let summary: String = (0..2).map(|_| *rng.pick(SENTENCES)).collect();
    let _ = writeln!(y, "summary: {}", q(&format!("{}は、{summary}", e.name)));
    let _ = writeln!(y, "contacts:");
    let _ = writeln!(y, "  - name: {}", q(&format!("{} 地域生活支援拠点 緊急連絡窓口（サンプル）", e.name)));
    let _ = writeln!(y, "    purpose: emergency");
    let _ = writeln!(y, "    phone: \"{}\"", phone(rng));
    let _ = writeln!(y, "    hours: {}", if wards.is_empty() { "always" } else { "nights_holidays" });
    let _ = writeln!(y, "    sample: true");
    // A designated city: a centre in each ward by day, as 大阪市 has.
    for w in wards {
        let ward = w.name.strip_prefix(e.name.as_str()).unwrap_or(&w.name);
        let _ = writeln!(
            y,
            "  - {{ ward: {}, name: {}, purpose: consultation, hours: weekday_daytime, phone: \"{}\", sample: true }}",
            q(ward),
            q(&format!("{ward}基幹相談支援センター")),
            phone(rng)
        );
    }
    let _ = writeln!(y, "functions:");
    for f in FUNCTIONS {
        let _ = writeln!(y, "  - id: {f}");
        let _ = writeln!(y, "    description: {}", q(rng.pick::<&str>(SENTENCES)));
    }
    let _ = writeln!(y, "providers:{}", if providers == 0 { " []" } else { "" });
    for k in 0..providers {
        let (service, word) = *rng.pick(KINDS);
        let name = format!("{}{}{}", rng.pick(WORDS), word, if rng.chance(0.3) { "（サンプル）" } else { "" });
        let _ = writeln!(y, "  - id: c{}-{k}", e.code);
        let _ = writeln!(y, "    name: {}", q(&name));
        let _ = writeln!(y, "    corporation: {}", q(&format!("{}{}会", rng.pick(CORPORATIONS), rng.pick(WORDS))));
        let _ = writeln!(y, "    services: [{service}]");
        let mut fs: Vec<&str> = (0..1 + rng.below(3)).map(|_| *rng.pick(FUNCTIONS)).collect();
        fs.sort();
        fs.dedup();
        let _ = writeln!(y, "    functions: [{}]", fs.join(", "));
        let mut acc: Vec<&str> = (0..1 + rng.below(4)).map(|_| *rng.pick(ACCEPTS)).collect();
        acc.sort();
        acc.dedup();
        let _ = writeln!(y, "    accepts: [{}]", acc.join(", "));
        let address = format!(
            "{}{}{}{}丁目{}-{}",
            e.pref_name,
            e.name,
            rng.pick(TOWNS),
            rng.below(5) + 1,
            rng.below(30) + 1,
            rng.below(20) + 1
        );
        let _ = writeln!(y, "    address: {}", q(&address));
        if let Some((lat, lon)) = location(e, geo, rng) {
            let _ = writeln!(y, "    location: {{ lat: {lat}, lon: {lon} }}");
        }
        let _ = writeln!(y, "    phone: \"{}\"", phone(rng));
        let _ = writeln!(y, "    hours: 平日 9:00〜17:00");
        let _ = writeln!(y, "    sample: true");
    }
    let _ = writeln!(y, "reviews:");
    let _ = writeln!(y, "  - date: 2026-0{}-1{}", rng.below(5) + 4, rng.below(9));
    let _ = writeln!(y, "    body: {}地域自立支援協議会", e.name);
    let _ = writeln!(y, "    summary: {}", q(rng.pick::<&str>(SENTENCES)));
    if hard && established {
        review_actions(&mut y, rng);
    }
    let _ = writeln!(y, "last_verified: 2026-10-0{}", rng.below(9) + 1);
    let _ = writeln!(y, "sample: true");
    y
}

fn case_markdown(e: &Entry, n: usize, rng: &mut Rng, hard: bool) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "---");
    let _ = writeln!(md, "title: {}", q(&format!("{}の取組み（合成事例 {n}）", e.name)));
    let _ = writeln!(md, "prefecture: {}", e.pref_name);
    let _ = writeln!(md, "municipality: {}", q(&e.code));
    let _ = writeln!(md, "status: {}", if rng.chance(0.7) { "established" } else { "planned" });
    let _ = writeln!(md, "type: {}", rng.pick(TYPES));
    let _ = writeln!(md, "functions: [{}]", rng.pick(FUNCTIONS));
    let _ = writeln!(md, "summary: {}", q(rng.pick::<&str>(SENTENCES)));
    let _ = writeln!(md, "source:\n  title: kyoten ベンチマーク用の合成データ");
    let _ = writeln!(md, "sample: true");
    let _ = writeln!(md, "---");
    if hard {
        // 800–3,000 characters of body (not bytes), with tables and ruby.
        let target = 800 + rng.below(2200);
        let start = md.len();
        while md[start..].chars().count() < target {
            let _ = writeln!(md, "\n## {}\n", rng.pick(HEADINGS));
            for _ in 0..1 + rng.below(3) {
                md.push_str(rng.pick::<&str>(SENTENCES));
            }
            md.push('\n');
            match rng.below(4) {
                0 => {
                    let _ = writeln!(
                        md,
                        "\n- {}\n- {}\n- {}",
                        rng.pick(SENTENCES),
                        rng.pick(SENTENCES),
                        rng.pick(SENTENCES)
                    );
                }
                1 => {
                    let _ = writeln!(md, "\n| 項目 | 内容 |\n| --- | --- |");
                    for h in [rng.pick(HEADINGS), rng.pick(HEADINGS)] {
                        let _ = writeln!(md, "| {h} | {} |", rng.pick(SENTENCES));
                    }
                }
                2 => {
                    let _ = writeln!(md, "\n<ruby>拠点<rt>きょてん</rt></ruby>の{}", rng.pick(SENTENCES));
                }
                _ => {}
            }
        }
        return md;
    }
    let target = 1024 + rng.below(2048);
    let start = md.len();
    while md.len() - start < target {
        let _ = writeln!(md, "\n## {}\n", rng.pick(HEADINGS));
        for _ in 0..2 + rng.below(3) {
            md.push_str(rng.pick::<&str>(SENTENCES));
        }
        md.push('\n');
        if rng.chance(0.3) {
            let _ = writeln!(md, "\n- {}\n- {}", rng.pick(SENTENCES), rng.pick(SENTENCES));
        }
    }
    md
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy file");
        }
    }
}

fn main() {
    let mut providers = 100_000usize;
    let mut cases = 2_000usize;
    let mut seed = 1u64;
    let mut hard = false;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> u64 {
            args.next().and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{name} takes a number"))
        };
        match a.as_str() {
            "--providers" => providers = num("--providers") as usize,
            "--cases" => cases = num("--cases") as usize,
            "--seed" => seed = num("--seed"),
            "--hard" => hard = true,
            _ if !a.starts_with('-') => out = Some(PathBuf::from(a)),
            _ => panic!("unknown option {a}; usage: synth [--providers N] [--cases N] [--seed S] OUT"),
        }
    }
    let out = out.expect("usage: synth [--providers N] [--cases N] [--seed S] OUT");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("clear OUT");
    }
    for dir in ["data/gazetteer", "data/geo"] {
        copy(&repo.join(dir), &out.join(dir));
    }
    std::fs::copy(repo.join("data/synonyms.yaml"), out.join("data/synonyms.yaml")).expect("synonyms");
    std::fs::create_dir_all(out.join("data/municipalities")).expect("folder");
    std::fs::create_dir_all(out.join("content/cases")).expect("folder");
    std::fs::write(
        out.join("kyoten.yaml"),
        "title: 地域生活支援拠点等ガイド（全国・合成データ）\ndescription: kyoten のベンチマーク用に合成した全国の地域生活支援拠点等のデータです。\nbase_url: https://kyoten.example.jp/\nregion: 全国\npublisher: kyoten ベンチマーク（合成データ）\n# Like the Hugo twin (hugo without --minify): pages are written as rendered.\nminify: false\n",
    )
    .expect("config");

    let gazetteer = Gazetteer::embedded();
    let mut diags = Diagnostics::default();
    let geo = Boundaries::load(&out, &mut diags);
    let designated: std::collections::HashSet<&str> =
        gazetteer.entries.values().filter_map(|e| e.parent_code.as_deref()).collect();
    let municipalities: Vec<&Entry> = gazetteer.entries.values().filter(|e| e.parent_code.is_none()).collect();
    let weights: Vec<f64> =
        municipalities.iter().map(|e| if hard { weight_hard(e) } else { weight(e, &designated) }).collect();
    let counts = allocate(providers, &weights);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut bytes = 0;
    for (e, n) in municipalities.iter().zip(&counts) {
        let wards: Vec<&Entry> =
            gazetteer.entries.values().filter(|w| w.parent_code.as_deref() == Some(e.code.as_str())).collect();
        let text = municipality_yaml(e, &wards, *n, &geo, &mut rng, hard);
        bytes += text.len();
        std::fs::write(out.join(format!("data/municipalities/{}.yaml", e.code)), text).expect("write");
    }
    for n in 0..cases {
        let e = municipalities[rng.below(municipalities.len())];
        let text = case_markdown(e, n, &mut rng, hard);
        bytes += text.len();
        std::fs::write(out.join(format!("content/cases/case-{n:05}.md")), text).expect("write");
    }
    let largest = counts.iter().max().copied().unwrap_or(0);
    println!(
        "{}: {} municipalities, {providers} providers (largest municipality {largest}), {cases} cases, {:.1} MB of data",
        out.display(),
        municipalities.len(),
        bytes as f64 / 1e6
    );
}
