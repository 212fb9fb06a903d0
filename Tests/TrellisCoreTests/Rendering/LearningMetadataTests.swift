import Foundation
import Testing

@testable import TrellisCore

/// Every JSON-LD block of the built pages, read as JSON: the properties each
/// page kind must have, in the schema.org form without `base_url` and in the
/// AMB form with it, and never a word of facilitator text.
@Suite struct LearningMetadataTests {
    static func blocks(in html: String) throws -> [[String: Any]] {
        var blocks: [[String: Any]] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<script type=\"application/ld+json\">") {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: "</script>") else { break }
            let data = Data(rest[..<end.lowerBound].utf8)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "a block that is not a JSON object")
            blocks.append(object)
            rest = rest[end.upperBound...]
        }
        return blocks
    }

    func built(_ fixture: String, baseURL: String?) throws -> (TemporaryDirectory, Site) {
        let directory = TemporaryDirectory()
        let content = try copyFixture(fixture, into: directory)
        var config = try readText("\(content)/site.yml").split(separator: "\n").filter { !$0.hasPrefix("base_url:") }.joined(separator: "\n") + "\n"
        if let baseURL { config += "base_url: \(baseURL)\n" }
        try config.write(toFile: "\(content)/site.yml", atomically: false, encoding: .utf8)
        let result = build(content, output: directory.sub("output"))
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        return (directory, try #require(result.site))
    }

    @Test(arguments: [nil, "https://example.org/oer/"])
    func everyPageKindHasItsProperties(baseURL: String?) throws {
        let (directory, site) = try built("rich", baseURL: baseURL)
        let amb = baseURL != nil
        func page(_ route: Route) throws -> [String: Any] {
            let blocks = try Self.blocks(in: readText(directory.sub("output/\(route.path)")))
            #expect(blocks.count == 1, "\(route.path)")
            return try #require(blocks.first)
        }
        func types(_ block: [String: Any]) -> [String] {
            let value = block[amb ? "type" : "@type"]
            return (value as? [String]) ?? [(value as? String) ?? ""]
        }
        for module in site.modules {
            let block = try page(module.route)
            #expect(types(block).contains("LearningResource") && types(block).contains("Course"))
            for key in ["name", "description", "inLanguage", "isAccessibleForFree", "learningResourceType", "hasPart", "educationalLevel"] {
                #expect(block[key] != nil, "\(module.id): \(key)")
            }
            if !module.outcomes.isEmpty { #expect((block["teaches"] as? [Any])?.count == module.outcomes.count) }
            #expect((block["hasPart"] as? [Any])?.count == module.tasks.count)
            if amb {
                #expect((block["@context"] as? [Any])?.first as? String == LearningMetadata.ambContext)
                #expect(block["id"] as? String == baseURL.map { $0 + module.route.path })
                #expect(block["inLanguage"] is [String])
                let license = try #require(block["license"] as? [String: Any])
                #expect((license["id"] as? String)?.hasPrefix("https://creativecommons.org/") == true)
                let type = try #require((block["learningResourceType"] as? [[String: Any]])?.first)
                #expect(type["id"] as? String == "https://w3id.org/kim/hcrt/course")
            } else {
                #expect(block["@context"] as? String == "https://schema.org")
                #expect((block["license"] as? String)?.hasPrefix("https://creativecommons.org/") == true)
            }
            for task in module.tasks {
                let block = try page(task.route)
                #expect(types(block).contains("LearningResource"))
                #expect(block["isPartOf"] != nil, "\(task.id)")
                #expect(block["name"] as? String == task.title)
                if task.type != nil { #expect(block["educationalUse"] != nil) }
            }
        }
        for practice in site.practices {
            let block = try page(practice.route)
            #expect(types(block).contains("CreativeWork"))
            if practice.country != nil { #expect(block["spatialCoverage"] != nil) }
            if !practice.tags.isEmpty { #expect(block["about"] != nil) }
            if practice.organisation != nil { #expect(block["sourceOrganization"] != nil) }
        }
        if amb {
            let sitemap = try readText(directory.sub("output/sitemap.xml"))
            #expect(sitemap.contains("<lastmod>"))
        }
    }

    @Test func noFacilitatorTextInMetadata() throws {
        let (directory, site) = try built("rich", baseURL: "https://example.org/oer/")
        var probes: [String] = []
        for body in ContentChecks.allBodies(site) {
            for section in [body.intro] + body.sections {
                let restricted = section.isFacilitatorOnly
                for block in section.blocks where (restricted || block.kind == .facilitator) && block.text.count >= 12 {
                    probes.append(String(block.text.prefix(24)))
                }
            }
        }
        #expect(!probes.isEmpty, "the fixture must have facilitator text to look for")
        for (path, data) in snapshot(directory.sub("output")) where path.hasSuffix(".html") {
            for block in try Self.blocks(in: String(decoding: data, as: UTF8.self)) {
                let text = String(decoding: try JSONSerialization.data(withJSONObject: block), as: UTF8.self)
                for probe in probes { #expect(!text.contains(probe), "\(path): \(probe)") }
            }
        }
    }

    @Test func licencesAreNamedByURL() {
        #expect(License.url(for: "CC BY 4.0") == "https://creativecommons.org/licenses/by/4.0/")
        #expect(License.url(for: "CC BY-NC-SA 3.0") == "https://creativecommons.org/licenses/by-nc-sa/3.0/")
        #expect(License.url(for: "cc-by-sa-4.0") == "https://creativecommons.org/licenses/by-sa/4.0/")
        #expect(License.url(for: "CC0") == "https://creativecommons.org/publicdomain/zero/1.0/")
        #expect(License.url(for: "MIT") == "https://opensource.org/licenses/MIT")
        #expect(License.url(for: "GNU FDL 1.3") == "https://www.gnu.org/licenses/fdl-1.3.html")
        #expect(License.url(for: "All rights reserved") == nil)
        #expect(License.url(for: "CC NC 4.0") == nil)
    }

    @Test func anUnknownLicenceIsAWarningAtItsLine() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        try "title: T\nlicense: Our own terms\n".write(toFile: "\(content)/site.yml", atomically: false, encoding: .utf8)
        let result = build(content, output: directory.sub("output"))
        let warning = try #require(result.diagnostics.first { $0.id == "unknown-license" })
        #expect(warning.location?.line == 2)
        #expect(try readText(directory.sub("output/practices/good-practice.html")).contains("\"license\":\"Our own terms\""))
    }

    @Test func timeRequiredIsISO8601() {
        #expect(LearningMetadata.iso8601(Effort(minutes: 1110)) == "PT18H30M")
        #expect(LearningMetadata.iso8601(Effort(minutes: 120)) == "PT2H")
        #expect(LearningMetadata.iso8601(Effort(minutes: 45)) == "PT45M")
        #expect(LearningMetadata.iso8601(Effort(minutes: 0)) == nil)
    }
}
