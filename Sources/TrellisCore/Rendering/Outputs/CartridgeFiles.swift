/// `lms/<module>.imscc`: each module as an IMS Common Cartridge 1.1
/// package for learning platforms such as Moodle (``Cartridge``). In
/// another language, `<lang>/lms/<module>.imscc` for each module translated
/// into it, with the interface in that language.
enum CartridgeFiles: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        renderer.site.modules.indices.filter { renderer.languages.publishes(renderer.site.modules[$0]) }.map { m in
            let module = renderer.site.modules[m]
            let path = "lms/\(module.id).imscc"
            return PlannedOutput(
                path, "the learning-platform package", sources: nil, origin: module.file.location(),
                make: .render { renderer throws(RenderFailure) in
                    do {
                        let cartridge = Cartridge(
                            site: renderer.site, module: renderer.site.modules[m], strings: renderer.strings, sitePrefix: renderer.languages.prefix)
                        return Artifact(path: path, content: .bytes(try cartridge.package(reusing: renderer.previousArchive(path))))
                    } catch {
                        throw RenderFailure(path: path, reason: .package("\(error)"))
                    }
                })
        }
    }
}
