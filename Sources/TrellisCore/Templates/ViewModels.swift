/// Typed data the Mustache templates receive. Everything is precomputed:
/// URLs are relative to the page, labels are human-readable, HTML fields
/// (named `…HTML`) are already rendered and safe; all other text is escaped
/// by the template engine.

public struct LinkView: Sendable {
    public var title: String
    public var href: String
    public var current: Bool = false
}

public struct FactView: Sendable {
    public var label: String
    public var value: String
    public var href: String?
}

/// A short label such as a task type; `kind` becomes a CSS class.
public struct BadgeView: Sendable {
    public var label: String
    public var kind: String
    /// What the badge means, read out by screen readers and shown in the legend.
    public var meaning: String
}

public struct LayoutView: Sendable {
    public var lang: String
    /// True for a right-to-left language (`dir="rtl"`).
    public var rtl: Bool
    public var siteTitle: String
    public var pageTitle: String
    public var description: String?
    /// The way back to the site root from this page, e.g. `../`.
    public var root: String
    /// A `<base href>` for the page: the 404 page's, from `base_url`, so its
    /// links work at any depth a server shows it.
    public var baseHref: String?
    public var stylesheetHref: String
    /// nil on the 404 page without `base_url`: its own script loads search
    /// once it has found the site's top folder.
    public var searchScriptHref: String?
    /// A script only this kind of page needs (progress on task and module pages).
    public var pageScriptHref: String?
    public var homeHref: String
    public var nav: [LinkView]
    public var breadcrumbs: [LinkView]
    public var contentHTML: String
    public var license: String?
    public var bodyClass: String
    /// "Content licensed under CC BY 4.0", when the site has a licence.
    public var licenseLine: String?
    /// The footer's note on offline use, with its link to the home page (HTML).
    public var offlineHTML: String
    /// The language switcher: the same page in every language (empty for a one-language site).
    public var languages: [LanguageLinkView] = []
    /// `<link rel="alternate" hreflang>`: the real translations of this page, and `x-default`.
    public var alternates: [AlternateView] = []
    /// The language of the content when it is not the page's (a page not
    /// translated yet, shown in the default language).
    public var contentLang: String?
    /// The content's direction when it differs from the page's (`ltr` text on an `rtl` page).
    public var contentDir: String?
    /// "This page has not been translated yet…", in the reader's language.
    public var untranslatedNotice: String?
}

/// One language in the switcher.
public struct LanguageLinkView: Sendable {
    /// The language's own name: "Español".
    public var name: String
    /// BCP 47 code, for `lang` and `hreflang`.
    public var code: String
    public var href: String
    public var current: Bool
}

/// One `<link rel="alternate" hreflang="…">`.
public struct AlternateView: Sendable {
    public var hreflang: String
    public var href: String
}

public struct ModuleCard: Sendable {
    public var title: String
    public var href: String
    public var summary: String
    public var facts: [String]
}

public struct PracticeCard: Sendable {
    public var title: String
    public var href: String
    public var country: String
    public var countryCode: String
    public var sector: String?
    public var organisation: String?
    public var year: String?
    public var tags: [String]
    /// Values the catalogue's filters match, space-separated.
    public var sectorValue: String
    public var tagValues: String
}

/// One value of a facet with its practice count.
public struct FacetEntryView: Sendable {
    public var label: String
    public var value: String
    public var count: Int
    /// The value's static page, when there is one.
    public var href: String?
}

public struct FacetGroupView: Sendable {
    public var title: String
    /// `country`, `sector`, `tag` or `year`: the filter's key in the URL.
    public var key: String
    public var entries: [FacetEntryView]
}

/// Links between the numbered pages of a list of cards.
public struct PaginationView: Sendable {
    /// What the navigation is for: "Pages of good practices".
    public var label: String
    /// "Page 2 of 209".
    public var summary: String
    /// "25–48 of 5000": which cards this page shows.
    public var range: String
    /// How many pages there are.
    public var pageCount: Int
    public var previousHref: String?
    public var nextHref: String?
    public var pages: [PageLinkView]
}

/// One numbered page link, or a gap (…) where pages are left out.
public struct PageLinkView: Sendable {
    public var number: String
    public var href: String
    public var current: Bool
    public var gap: Bool
}

public struct FacetPageView: Sendable {
    public var title: String
    public var facetTitle: String
    public var count: Int
    /// "1 good practice", "12 good practices".
    public var countLabel: String
    /// "Good practices: Finland", the list's (hidden) heading.
    public var practicesHeading: String
    /// "Other values of Country".
    public var otherValuesLabel: String
    public var practices: [PracticeCard]
    /// The practices' cards, already rendered with the `practice-card` partial.
    public var cardsHTML: String
    public var catalogueHref: String
    public var others: [FacetEntryView]
    /// Links to the value's other pages, when its cards take more than one.
    public var pagination: PaginationView?
}

public struct HomeView: Sendable {
    public var title: String
    public var introHTML: String
    /// The first modules (at most 12); `moduleCount` says how many there are.
    public var modules: [ModuleCard]
    public var moduleCount: Int
    /// True when the site has more modules than `modules` shows.
    public var moreModules: Bool
    public var modulesHref: String
    public var catalogueHref: String
    public var practiceCount: Int
    public var countryCount: Int
    public var hasPractices: Bool
    /// "All modules", or "All 40 modules" when the page shows only the first.
    public var modulesLinkLabel: String
    /// "5 good practices from 3 countries."
    public var practicesSummary: String
}

public struct ModuleListView: Sendable {
    public var title: String
    /// The cards of this page (all of them when they fit on one).
    public var modules: [ModuleCard]
    /// Links to the other pages of cards, when there is more than one.
    public var pagination: PaginationView?
}

public struct OutcomeView: Sendable {
    public var id: String
    public var domain: String
    public var text: String
}

public struct TaskCard: Sendable {
    public var number: String
    public var title: String
    public var href: String
    public var badges: [BadgeView]
    /// The task's duration as shown: effort as written ("90 min"), a time window as "over 1 week".
    public var duration: String?
    /// The task's name in the reader's progress (`<module>/<task>`), kept in the browser.
    public var progressKey: String
}

public struct PhaseView: Sendable {
    public var title: String
    /// The phase's id on the module page, for the "On this page" list.
    public var anchor: String
    /// The calendar weeks the phase spans: "Week 6", "Weeks 1–2".
    public var weeks: String?
    public var tasks: [TaskCard]
    /// The effort of the phase's tasks in hours and minutes, e.g. "6 h 30 min";
    /// time windows (days, weeks) are not added up. nil when there is none.
    public var effort: String?
    /// "6 h 30 min of work".
    public var effortLine: String?
}

/// The outcome × task table of a module.
public struct CoverageView: Sendable {
    public struct Column: Sendable {
        public var number: String
        public var title: String
        public var href: String
    }

    public struct Row: Sendable {
        public var id: String
        public var domain: String
        public var text: String
        public var cells: [Cell]
        public var uncovered: Bool
    }

    public struct Cell: Sendable {
        public var covered: Bool
    }

    public var columns: [Column]
    public var rows: [Row]
}

public struct ModuleView: Sendable {
    public var title: String
    public var summary: String
    public var facts: [FactView]
    public var overviewHTML: String
    public var outcomes: [OutcomeView]
    public var phases: [PhaseView]
    public var practices: [PracticeCard]
    public var footnotesHTML: String?
    /// The effort of all tasks in hours and minutes, e.g. "18 h 30 min".
    public var totalEffort: String?
    /// "The tasks add up to 18 h 30 min of work."
    public var totalEffortLine: String?
    /// Says how many tasks have a time window instead of hours and so are not in `totalEffort`.
    public var notCounted: String?
    public var coverage: CoverageView?
    /// One badge of each kind used on the page, to explain them.
    public var legend: [BadgeView]
    /// Every handbook as one link each: "Participant handbook (PDF, 64 KB)".
    public var handbooks: [LinkView]
    /// The same handbooks by edition, each format with its size.
    public var downloads: [DownloadView]
    /// "On this page": the page's sections, the task sequence with its phases.
    public var contents: [ContentsEntryView]
    /// Names this site in the reader's progress (its `base_url`, or its title).
    public var progressSite: String
    /// "{done} of {count} tasks done" in each plural form the language has.
    public var progressForms: [PluralFormView]
    /// When `practices` shows only the first of the related practices: the
    /// page with all of them ("All 250 related good practices").
    public var morePractices: LinkView?
    /// schema.org / LRMI (and AMB with base_url) metadata, as JSON.
    public var jsonLD: String
}

/// One plural form of an interface string, for a script to choose from.
public struct PluralFormView: Sendable {
    /// `one`, `two`, `few`, `many` or `other` (CLDR).
    public var category: String
    public var text: String
}

/// One handbook edition's files.
public struct DownloadView: Sendable {
    /// "Participant handbook".
    public var title: String
    public var files: [FileLinkView]
}

/// A file to download: its format and size, for the link's text.
public struct FileLinkView: Sendable {
    /// What the file is, for screen readers before the format: "Participant handbook".
    public var title: String
    /// "PDF", "HTML", "EPUB".
    public var format: String
    /// "64 KB"; nil when the size is not known.
    public var size: String?
    public var href: String
}

/// An entry of an "On this page" list, with the entries under it.
public struct ContentsEntryView: Sendable {
    public var title: String
    public var href: String
    public var entries: [LinkView]
}

public struct SectionView: Sendable {
    public var headingHTML: String
    public var anchor: String
    /// True when the heading can be a link to itself (it has an id and holds no link).
    public var selfLinked: Bool
    public var html: String
    /// For facilitators only: shown collapsed and labelled.
    public var facilitator: Bool
}

public struct TaskView: Sendable {
    public var title: String
    public var number: String
    public var moduleTitle: String
    public var moduleHref: String
    public var phase: String?
    public var facts: [FactView]
    public var badges: [BadgeView]
    public var introHTML: String
    public var sections: [SectionView]
    public var outcomes: [OutcomeView]
    public var previous: LinkView?
    public var next: LinkView?
    /// True when there is a previous or a next task (the pager at the top shows them).
    public var hasNeighbours: Bool
    /// "Task 02".
    public var taskLabel: String
    /// "All tasks of Teacher as Mentor".
    public var allTasksLabel: String
    public var footnotesHTML: String?
    /// schema.org / LRMI (and AMB with base_url) metadata, as JSON.
    public var jsonLD: String
    /// The task's name in the reader's progress (`<module>/<task>`), kept in the browser.
    public var progressKey: String
    /// Names this site in the reader's progress (its `base_url`, or its title).
    public var progressSite: String
}

public struct CatalogueView: Sendable {
    public var title: String
    public var count: Int
    /// "1 good practice", "12 good practices".
    public var countLabel: String
    /// The lead paragraph: "5 good practices. Browse by country, …".
    public var lead: String
    /// The cards of this page (all of them when they fit on one).
    public var practices: [PracticeCard]
    public var facets: [FacetGroupView]
    /// Links to the other pages of cards, when there is more than one.
    public var pagination: PaginationView?
    /// The compact data the filters load when first used (`assets/catalogue-data.js`).
    public var dataHref: String
    /// The site root from this page, for the filters' links.
    public var root: String
    public var scriptHref: String
    public var jsonHref: String
    public var csvHref: String
    public var feedHref: String
    public var formHref: String
    public var handbooks: [LinkView]
}

public struct PracticeView: Sendable {
    public var title: String
    public var facts: [FactView]
    public var tags: [LinkView]
    public var introHTML: String
    public var sections: [SectionView]
    public var modules: [LinkView]
    public var footnotesHTML: String?
    public var catalogueHref: String
    /// schema.org JSON-LD, escaped for a `<script>` element.
    public var jsonLD: String
    public var countryHref: String?
}

public struct PageView: Sendable {
    public var title: String
    public var html: String
    public var footnotesHTML: String?
}

/// Every good practice related to a module, when there are more than its
/// page shows: ``Pagination/perPage`` cards a page.
public struct RelatedPracticesView: Sendable {
    public var title: String
    public var moduleTitle: String
    public var moduleHref: String
    /// "250 good practices".
    public var countLabel: String
    /// "Good practices related to Teacher as Mentor", the list's (hidden) heading.
    public var heading: String
    public var practices: [PracticeCard]
    public var pagination: PaginationView?
}

public struct NotFoundView: Sendable {
    public var homeHref: String
    public var catalogueHref: String
    public var modulesHref: String
    /// True without `base_url`: the page finds the site's top folder itself
    /// (from the address it is shown at) and points its links there.
    public var findsRoot: Bool
}

/// The printable blank form for collecting a good practice on paper.
public struct PracticeFormView: Sendable {
    public struct Field: Sendable {
        public var label: String
        public var note: String?
    }

    public struct Section: Sendable {
        public var heading: String
        public var guidance: String?
        public var required: Bool
    }

    public var title: String
    /// What to do with the form (HTML).
    public var introHTML: String
    public var siteTitle: String
    public var fields: [Field]
    public var sections: [Section]
    public var catalogueHref: String
}
