/// The catalogue's filter data (`assets/catalogue-data.js`): everything a
/// practice card shows and the filters match, in as few bytes as it takes,
/// loaded with a `<script>` element the first time a reader uses a filter
/// (so it works from file://, where `fetch` does not).
///
///     window.TRELLIS_CATALOGUE = {"v": 1,
///       "facets": {"country": [["sk", "Slovakia"], …], "sector": […], "tag": […], "year": […]},
///       "organisations": ["Forum College", …],
///       "practices": [["practice-00001", "Title", organisation, country, sector, year, "tags"], …]}
///
/// A practice is its page's file name (`practices/<name>.html`), its title,
/// then indices into `organisations` and each facet's list (-1 for none),
/// the year (0 for none) and its tags' indices in base 36, space-separated.
/// Facet lists are in the order of the catalogue page's facets.
enum CatalogueData {
    static let fileName = "catalogue-data.js"

    static func script(_ site: Site, _ catalogue: CatalogueIndex) -> String {
        func positions(_ entries: [CatalogueIndex.Entry]) -> [String: Int] {
            Dictionary(entries.enumerated().map { ($1.value, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let countries = positions(catalogue.countries)
        let sectors = positions(catalogue.sectors)
        let tags = positions(catalogue.tags)
        var organisations: [String] = []
        var organisationIndex: [String: Int] = [:]
        for practice in site.practices {
            if let name = practice.organisation, organisationIndex[name] == nil {
                organisationIndex[name] = organisations.count
                organisations.append(name)
            }
        }

        var json = JSONText()
        json.beginObject()
        json.int("v", 1)
        json.beginObject("facets")
        for (key, entries) in [
            ("country", catalogue.countries), ("sector", catalogue.sectors), ("tag", catalogue.tags), ("year", catalogue.years),
        ] {
            json.beginArray(key)
            for entry in entries {
                json.beginArray()
                json.string(nil, entry.value)
                json.string(nil, entry.label)
                json.endArray()
            }
            json.endArray()
        }
        json.endObject()
        json.strings("organisations", organisations)
        json.beginArray("practices")
        for practice in site.practices {
            json.beginArray()
            json.string(nil, fileName(practice.route.path))
            json.string(nil, practice.title)
            json.int(nil, practice.organisation.flatMap { organisationIndex[$0] } ?? -1)
            json.int(nil, practice.country.flatMap { countries[$0.code.lowercased()] } ?? -1)
            json.int(nil, practice.sector.flatMap { sectors[$0.value] } ?? -1)
            json.int(nil, practice.year ?? 0)
            json.string(nil, practice.tags.compactMap { tags[$0].map { String($0, radix: 36) } }.joined(separator: " "))
            json.endArray()
        }
        json.endArray()
        json.endObject()
        return "window.TRELLIS_CATALOGUE=" + json.text + ";\n"
    }

    /// `practices/sammtalk.html` → `sammtalk`.
    static func fileName(_ path: String) -> String {
        var name = Substring(path)
        if name.hasPrefix("practices/") { name = name.dropFirst("practices/".count) }
        if name.hasSuffix(".html") { name = name.dropLast(".html".count) }
        return String(name)
    }
}
