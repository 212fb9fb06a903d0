/// Counts and members of every facet value, computed once per build in one
/// pass over the practices.
struct CatalogueIndex: Sendable {
    struct Entry: Sendable {
        var value: String
        var label: String
        /// Indices into `site.practices`, in id order.
        var members: [Int]
        var count: Int { members.count }
    }

    var countries: [Entry] = []
    var sectors: [Entry] = []
    var tags: [Entry] = []
    var years: [Entry] = []

    init(_ site: Site, strings: Strings) {
        var countries: [String: Entry] = [:]
        var sectors: [String: Entry] = [:]
        var tags: [String: Entry] = [:]
        var years: [String: Entry] = [:]
        for (index, practice) in site.practices.enumerated() {
            if let country = practice.country {
                countries[country.code, default: Entry(value: country.code.lowercased(), label: strings.country(country), members: [])].members
                    .append(index)
            }
            if let sector = practice.sector?.value {
                sectors[sector, default: Entry(value: sector, label: strings.term(sector), members: [])].members.append(index)
            }
            for tag in practice.tags {
                tags[tag, default: Entry(value: tag, label: tag, members: [])].members.append(index)
            }
            if let year = practice.year {
                years[String(year), default: Entry(value: String(year), label: String(year), members: [])].members.append(index)
            }
        }
        self.countries = countries.values.sorted { $0.label < $1.label }
        let sectorOrder = site.config.vocabularies.sectors
        self.sectors = sectors.values.sorted {
            (sectorOrder.firstIndex(of: $0.value) ?? .max, $0.value) < (sectorOrder.firstIndex(of: $1.value) ?? .max, $1.value)
        }
        self.tags = tags.values.sorted { $0.label < $1.label }
        self.years = years.values.sorted { $0.value > $1.value }
    }

    func entries(_ facet: Facet) -> [Entry] {
        switch facet {
        case .country: countries
        case .sector: sectors
        case .tag: tags
        }
    }
}
