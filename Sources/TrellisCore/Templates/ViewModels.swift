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
    public var siteTitle: String
    public var pageTitle: String
    public var description: String?
    /// The way back to the site root from this page, e.g. `../`.
    public var root: String
    public var stylesheetHref: String
    public var homeHref: String
    public var nav: [LinkView]
    public var breadcrumbs: [LinkView]
    public var contentHTML: String
    public var license: String?
    public var bodyClass: String
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
}

public struct HomeView: Sendable {
    public var title: String
    public var introHTML: String
    public var modules: [ModuleCard]
    public var modulesHref: String
    public var catalogueHref: String
    public var practiceCount: Int
    public var countryCount: Int
    public var hasPractices: Bool
}

public struct ModuleListView: Sendable {
    public var title: String
    public var modules: [ModuleCard]
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
    public var duration: String?
}

public struct PhaseView: Sendable {
    public var title: String
    public var weeks: String?
    public var tasks: [TaskCard]
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
}

public struct SectionView: Sendable {
    public var headingHTML: String
    public var anchor: String
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
    public var footnotesHTML: String?
}

public struct CatalogueView: Sendable {
    public var title: String
    public var count: Int
    public var practices: [PracticeCard]
}

public struct PracticeView: Sendable {
    public var title: String
    public var facts: [FactView]
    public var tags: [String]
    public var introHTML: String
    public var sections: [SectionView]
    public var modules: [LinkView]
    public var footnotesHTML: String?
    public var catalogueHref: String
}

public struct PageView: Sendable {
    public var title: String
    public var html: String
    public var footnotesHTML: String?
}

public struct NotFoundView: Sendable {
    public var homeHref: String
    public var catalogueHref: String
    public var modulesHref: String
}
