/// Cards in numbered static pages, so a catalogue of thousands stays light
/// on a phone and works without JavaScript: the catalogue and every facet
/// value show ``perPage`` cards a page, with links to the other pages.
enum Pagination {
    static let perPage = 24

    /// How many pages `count` cards take (at least one, for an empty list).
    static func pageCount(_ count: Int) -> Int { max(1, (count + perPage - 1) / perPage) }

    /// The cards of page `n` (1-based).
    static func slice(_ count: Int, page n: Int) -> Range<Int> {
        let start = min(count, (n - 1) * perPage)
        return start..<min(count, start + perPage)
    }

    /// The page links of page `current` of `count`, or nil when everything
    /// fits on one page: the first and last page, two on each side of the
    /// current one, and a gap (…) for the rest.
    static func view(current: Int, count: Int, total: Int, label: String, strings: Strings, href: (Int) -> String) -> PaginationView? {
        guard count > 1 else { return nil }
        var numbers: [Int] = []
        for n in 1...count where n == 1 || n == count || abs(n - current) <= 2 { numbers.append(n) }
        var pages: [PageLinkView] = []
        for (i, n) in numbers.enumerated() {
            if i > 0, n - numbers[i - 1] > 1 { pages.append(PageLinkView(number: "", href: "", current: false, gap: true)) }
            pages.append(PageLinkView(number: String(n), href: href(n), current: n == current, gap: false))
        }
        let range = slice(total, page: current)
        return PaginationView(
            label: label, summary: strings("page_of", ["current": String(current), "count": String(count)]),
            range: strings("page_range", ["first": String(range.lowerBound + 1), "last": String(range.upperBound), "total": String(total)]),
            pageCount: count,
            previousHref: current > 1 ? href(current - 1) : nil, nextHref: current < count ? href(current + 1) : nil, pages: pages)
    }
}
