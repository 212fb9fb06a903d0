/// `lms/<module>.imscc`: each module as an IMS Common Cartridge 1.1
/// package for learning platforms such as Moodle (``Cartridge``).
enum CartridgeFiles: OutputKind {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput] {
        renderer.site.modules.indices.map { m in
            let module = renderer.site.modules[m]
            let path = "lms/\(module.id).imscc"
            return PlannedOutput(
                path, "the learning-platform package", sources: nil, origin: module.file.location(),
                make: .render { renderer throws(RenderFailure) in
                    do {
                        let bytes = try Cartridge(site: renderer.site, module: renderer.site.modules[m]).package()
                        return Artifact(path: path, content: .bytes(bytes))
                    } catch {
                        throw RenderFailure(path: path, reason: .package("\(error)"))
                    }
                })
        }
    }
}
