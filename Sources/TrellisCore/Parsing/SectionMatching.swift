/// Matching a practice's sections to the practice template. It needs only
/// the file and site.yml, so it is part of parsing (and kept by the
/// preview's parse cache), not of assembly.
enum SectionMatching {
    /// The template section whose heading or an alias is closest to the
    /// section's heading, compared as headings are matched (case, spaces,
    /// trailing punctuation and remark ignored): '## Benefit' → Benefits.
    static func closestSection(to section: BodySection, in template: PracticeTemplate) -> PracticeTemplate.Section? {
        guard let heading = section.heading else { return nil }
        var names: [String: PracticeTemplate.Section] = [:]
        for candidate in template.sections {
            for name in [candidate.heading] + candidate.aliases where names[PracticeTemplate.normalize(name)] == nil {
                names[PracticeTemplate.normalize(name)] = candidate
            }
        }
        let ordered = template.sections.flatMap { [$0.heading] + $0.aliases }.map(PracticeTemplate.normalize)
        return Suggestion.closest(to: PracticeTemplate.normalize(heading.text), in: ordered).flatMap { names[$0] }
    }

    /// Puts a practice's level-2 sections in template order. Sections the
    /// template does not name are kept as extra sections, with a warning.
    static func matchSections(_ practice: Practice, template: PracticeTemplate, diagnostics: inout [Diagnostic]) -> Practice {
        var practice = practice
        var found: [String: BodySection] = [:]
        for section in practice.body.sections {
            guard let heading = section.heading else { continue }
            guard let match = template.section(matching: heading.text) else {
                let hint =
                    closestSection(to: section, in: template).map { "did you mean '## \($0.heading)'?" }
                    ?? "the template's sections are: \(template.sections.map(\.heading).joined(separator: "; "))"
                diagnostics.append(
                    .warning(
                        "unknown-section", at: section.location,
                        "'\(heading.text)' is not a section of the practice template; it is kept after the template's sections",
                        hint: hint))
                practice.extraSections.append(section)
                continue
            }
            if found[match.id] != nil {
                diagnostics.append(
                    .warning(
                        "repeated-section", at: section.location,
                        "section '\(match.heading)' appears twice; the second is kept after the template's sections",
                        hint: "merge the two sections"))
                practice.extraSections.append(section)
                continue
            }
            found[match.id] = section
        }
        practice.sections = template.shared.map { PracticeSection(shared: $0, content: found[$0.value.id]) }
        return practice
    }
}
