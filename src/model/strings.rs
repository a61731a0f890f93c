//! The words the generator puts on pages outside the templates' own markup — page
//! titles, breadcrumbs, map and chart labels, headlines — and in the staff's
//! workbook (sheet names, headers, its 説明 sheet), in one file per language
//! in the theme (`themes/default/strings/ja.yaml`). A site overrides any key in its
//! own `strings/ja.yaml`; Rust names keys ([`S`]) and fills in `{name}` places with
//! numbers, names and dates, never with words of its own. Templates read any key
//! with `{{ t(key="recruit.far.all") }}`.

use serde::Serialize;
use std::collections::BTreeMap;

/// The language file read (`strings/<LANG>.yaml`).
pub const LANG_FILE: &str = "ja.yaml";

macro_rules! keys {
    ($($(#[$doc:meta])* $v:ident = $k:literal,)*) => {
        /// A string the Rust code puts on a page, by its key in the strings file
        /// (each variant's key is in `ALL` and `key()`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum S { $($(#[$doc])* $v,)* }
        impl S {
            /// Every key the Rust code uses: the theme's file must define each.
            pub const ALL: &'static [S] = &[$(S::$v,)*];
            /// The key in the strings file.
            pub fn key(self) -> &'static str {
                match self { $(S::$v => $k,)* }
            }
        }
    };
}

keys! {
    WorkbookTitle = "workbook.title",
    WorkbookInstructions = "workbook.instructions",
    WorkbookChoices = "workbook.choices",
    WorkbookRowHeader = "workbook.row_header",
    WorkbookCodeHeader = "workbook.code_header",
    WorkbookNameHeader = "workbook.name_header",
    WorkbookRequired = "workbook.required",
    WorkbookFlag = "workbook.flag",
    WorkbookInvalidTitle = "workbook.invalid_title",
    WorkbookInvalidMessage = "workbook.invalid_message",
    WorkbookSheetsHeading = "workbook.sheets_heading",
    WorkbookContentsHeading = "workbook.contents_heading",
    WorkbookSheetRequired = "workbook.sheet_required",
    WorkbookColumnsJoiner = "workbook.columns_joiner",
    WorkbookHelpUse = "workbook.help.use",
    WorkbookHelpUseText = "workbook.help.use_text",
    WorkbookHelpAdd = "workbook.help.add",
    WorkbookHelpAddText = "workbook.help.add_text",
    WorkbookHelpDelete = "workbook.help.delete",
    WorkbookHelpDeleteText = "workbook.help.delete_text",
    WorkbookHelpChoose = "workbook.help.choose",
    WorkbookHelpChooseText = "workbook.help.choose_text",
    WorkbookHelpDates = "workbook.help.dates",
    WorkbookHelpDatesText = "workbook.help.dates_text",
    WorkbookHelpRequired = "workbook.help.required",
    WorkbookHelpRequiredText = "workbook.help.required_text",
    WorkbookHelpOrder = "workbook.help.order",
    WorkbookHelpOrderText = "workbook.help.order_text",
    CrumbHome = "crumb.home",
    CrumbMunicipalities = "crumb.municipalities",
    CrumbCases = "crumb.cases",
    CrumbGuide = "crumb.guide",
    CrumbRecruit = "crumb.recruit",
    CrumbCompare = "crumb.compare",
    CrumbSearch = "crumb.search",
    CrumbMap = "crumb.map",
    TitleMunicipalityIndex = "title.municipality_index",
    TitlePrefMunicipalities = "title.pref_municipalities",
    TitleCases = "title.cases",
    TitleCaseFacet = "title.case_facet",
    TitlePracticesPref = "title.practices_pref",
    TitleGuideIndex = "title.guide_index",
    TitleRecruitIndex = "title.recruit_index",
    TitleRecruitFlyer = "title.recruit_flyer",
    TitleData = "title.data",
    TitleAccessibility = "title.accessibility",
    TitleCompare = "title.compare",
    TitleComparePref = "title.compare_pref",
    TitleSearch = "title.search",
    TitleKanaRow = "title.kana_row",
    TitleNotFound = "title.not_found",
    TitleOffline = "title.offline",
    TitleContactCard = "title.contact_card",
    FeedMunicipalityTitle = "feed.municipality_title",
    FeedMunicipalitySummary = "feed.municipality_summary",
    HistoryCreated = "history.created",
    HistoryStatus = "history.status",
    HistoryTarget = "history.target",
    HistoryType = "history.type",
    HistorySummary = "history.summary",
    HistoryCoordinator = "history.coordinator",
    HistoryPreRegistration = "history.pre_registration",
    HistoryAfterCall = "history.after_call",
    HistoryPreparation = "history.preparation",
    HistoryRoadmap = "history.roadmap",
    HistoryChallenges = "history.challenges",
    HistoryRecruit = "history.recruit",
    HistoryJoint = "history.joint",
    HistoryContactAdded = "history.contact_added",
    HistoryContactRemoved = "history.contact_removed",
    HistoryContactPhone = "history.contact_phone",
    HistoryContactHours = "history.contact_hours",
    HistoryContactChanged = "history.contact_changed",
    HistoryFunction = "history.function",
    HistoryReviewAdded = "history.review_added",
    HistoryActionAdded = "history.action_added",
    HistoryActionStatus = "history.action_status",
    HistoryProviderCreated = "history.provider_created",
    HistoryProviderAdded = "history.provider_added",
    HistoryProviderRemoved = "history.provider_removed",
    HistoryProviderLine = "history.provider_line",
    HistoryName = "history.name",
    HistoryPhone = "history.phone",
    HistoryAddress = "history.address",
    HistoryHours = "history.hours",
    HistoryAcceptsAdded = "history.accepts_added",
    HistoryAcceptsRemoved = "history.accepts_removed",
    HistoryFunctionsAdded = "history.functions_added",
    HistoryFunctionsRemoved = "history.functions_removed",
    HistoryServicesAdded = "history.services_added",
    HistoryServicesRemoved = "history.services_removed",
    HistoryProviderOther = "history.provider_other",
    FeedHistoryTitle = "feed.history_title",
    FeedSiteHistoryTitle = "feed.site_history_title",
    FeedHistoryEntry = "feed.history_entry",
    MapTitle = "map.title",
    MapTitleFacet = "map.title_facet",
    MapTitleMunicipality = "map.title_municipality",
    MapTitleScope = "map.title_scope",
    MapTitleScopeFacet = "map.title_scope_facet",
    MapScopeName = "map.scope_name",
    MapAreaLabel = "map.area_label",
    MapSummaryLabel = "map.summary_label",
    MapRowsPrefectures = "map.rows_prefectures",
    MapRowsMunicipalities = "map.rows_municipalities",
    MapOfMunicipality = "map.of_municipality",
    MapToPage = "map.to_page",
    MapOverview = "map.overview",
    MapCluster = "map.cluster",
    MapClusterAreas = "map.cluster_areas",
    MapClusterMore = "map.cluster_more",
    ChartFunctions = "chart.functions",
    ChartStatus = "chart.status",
    ChartStatusRow = "chart.status_row",
    ChartMunicipalities = "chart.municipalities",
    ChartMunicipalityRow = "chart.municipality_row",
    ChartPlanned = "chart.planned",
    ChartUndecided = "chart.undecided",
    CompareTypeUnknown = "compare.type_unknown",
    SearchMunicipalityTitle = "search.municipality_title",
    SearchMunicipalityExcerpt = "search.municipality_excerpt",
    SearchProviderExcerpt = "search.provider_excerpt",
    SearchContactWords = "search.words.contact",
    SearchCoordinatorWords = "search.words.coordinator",
    SearchReviewWords = "search.words.review",
    SearchPreRegistrationWords = "search.words.pre_registration",
    SearchRecruitWords = "search.words.recruit",
    ListJoiner = "list.joiner",
    CsvCellJoiner = "csv.cell_joiner",
    CsvNoteSampleProvider = "csv.note.sample_provider",
    CsvNoteSampleFields = "csv.note.sample_fields",
    HoursWindow = "hours.window",
    HoursWindowOvernight = "hours.window_overnight",
    HoursJoiner = "hours.joiner",
    RecruitHeadlineSamples = "recruit.headline.samples",
    RecruitHeadlineEmergencyGaps = "recruit.headline.emergency_gaps",
    RecruitHeadlineNoEmergencyStay = "recruit.headline.no_emergency_stay",
    RecruitHeadlineFunction = "recruit.headline.function",
    RecruitHeadlineGeneral = "recruit.headline.general",
    RecruitHeadlineMore = "recruit.headline.more",
    RecruitHeadlineJoiner = "recruit.headline.joiner",
}

/// The strings of one language: the theme's file with the site's keys over it.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Strings {
    all: BTreeMap<String, String>,
}

impl Default for Strings {
    /// The built-in theme's strings.
    fn default() -> Self {
        let embedded = crate::theme::EMBEDDED.iter().find(|(rel, _)| *rel == "strings/ja.yaml");
        let text = embedded.and_then(|(_, b)| std::str::from_utf8(b).ok()).unwrap_or_default();
        Strings { all: serde_saphyr::from_str(text).unwrap_or_default() }
    }
}

impl Strings {
    /// The text of a key.
    pub fn get(&self, s: S) -> &str {
        self.all.get(s.key()).map_or("", String::as_str)
    }

    /// The text of a key with its `{name}` places filled in.
    pub fn fill(&self, s: S, args: &[(&str, &str)]) -> String {
        let mut out = self.get(s).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// The strings of a parsed file.
    pub fn from_map(all: BTreeMap<String, String>) -> Strings {
        Strings { all }
    }

    /// The text of a key named at run time (templates' `t(key=…)`).
    pub fn text(&self, key: &str) -> Option<&str> {
        self.all.get(key).map(String::as_str)
    }

    /// Whether the strings define `key`.
    pub fn has(&self, key: &str) -> bool {
        self.all.contains_key(key)
    }

    /// Every key, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.all.keys().map(String::as_str)
    }

    /// Replace the text of a key the strings define; false (and no change) for an unknown key.
    pub fn set(&mut self, key: &str, value: String) -> bool {
        match self.all.get_mut(key) {
            Some(v) => {
                *v = value;
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_defines_every_key() {
        let s = Strings::default();
        for k in S::ALL {
            assert!(!s.get(*k).is_empty(), "{} missing from themes/default/strings/ja.yaml", k.key());
        }
    }

    #[test]
    fn fill_puts_values_in_their_places() {
        let s = Strings::default();
        assert_eq!(s.fill(S::TitlePrefMunicipalities, &[("pref", "千葉県")]), "千葉県の市区町村");
    }
}
