/// Every file a build writes, made once after the check stage: each output
/// path with the content files it depends on and how it is made.
///
/// `trellis build` renders every entry; the preview renders one entry when
/// it is asked for, and uses ``PlannedOutput/sources`` to know which
/// rendered pages an edit makes stale. Two outputs on one path are an
/// `output-collision` error before anything is rendered or written.
public struct OutputPlan: Sendable {
    /// In render order: the most expensive first, so parallel workers end together.
    public let outputs: [PlannedOutput]
    private let index: [String: Int]
    /// Every output path, sorted (made when asked: a build writes the
    /// outputs in render order and sorts the paths only for the sitemap).
    public var paths: [String] { index.keys.sorted() }

    /// The plan of `outputs`, and an `output-collision` error for every
    /// output whose path an earlier one already takes (the later is dropped).
    init(_ candidates: [PlannedOutput]) {
        var index: [String: Int] = [:]
        var outputs: [PlannedOutput] = []
        var collisions: [Diagnostic] = []
        outputs.reserveCapacity(candidates.count)
        for output in candidates {
            if let first = index[output.path] {
                collisions.append(Self.collision(output, with: outputs[first]))
                continue
            }
            index[output.path] = outputs.count
            outputs.append(output)
        }
        self.outputs = outputs
        self.index = index
        self.collisions = collisions
    }

    /// `output-collision` errors found while making the plan.
    public let collisions: [Diagnostic]

    public func contains(_ path: String) -> Bool { index[path] != nil }

    public subscript(path: String) -> PlannedOutput? { index[path].map { outputs[$0] } }

    static func collision(_ output: PlannedOutput, with first: PlannedOutput) -> Diagnostic {
        let other = first.origin.map { " (from \($0.path))" } ?? ""
        return .error(
            "output-collision", at: output.origin,
            "two files would be published at '\(output.path)': this one and \(first.what)\(other)",
            hint: "rename one of them so that each has its own page")
    }
}

/// One file of the output and how it is made.
public struct PlannedOutput: Sendable {
    /// How the file is made.
    enum Make: Sendable {
        /// Rendered from the checked site.
        case render(@Sendable (SiteRenderer) throws(RenderFailure) -> Artifact)
        /// Known without rendering: a stylesheet, a media copy.
        case file(Artifact)
        /// The sitemap, which lists every other path of the plan.
        case sitemap
    }

    /// Path inside `output/`.
    public let path: String
    /// The content files (content-relative) the output shows, or nil when it
    /// gathers the whole site (lists, catalogue, exports, search, handbooks),
    /// which any change affects.
    public let sources: Set<String>?
    /// The content file the output comes from, for messages.
    let origin: SourceLocation?
    /// What it is, for messages: "the practice page", "a tag page".
    let what: String
    let make: Make

    init(_ path: String, _ what: String, sources: Set<String>?, origin: SourceLocation? = nil, make: Make) {
        self.path = path
        self.what = what
        self.sources = sources
        self.origin = origin
        self.make = make
    }

    /// A page rendered from the checked site.
    static func page(
        _ route: Route, _ what: String, sources: Set<String>?, origin: SourceLocation? = nil,
        _ render: @escaping @Sendable (SiteRenderer) -> Artifact
    ) -> PlannedOutput {
        PlannedOutput(route.path, what, sources: sources, origin: origin, make: .render { renderer throws(RenderFailure) in render(renderer) })
    }
}

/// One kind of output (a page kind, the data files, the handbooks): which
/// files of that kind the site has, and how each is made. A new page kind is
/// one file with one type conforming to this, listed in ``SiteRenderer/kinds``.
protocol OutputKind: SendableMetatype {
    static func outputs(of renderer: SiteRenderer) -> [PlannedOutput]
}

/// An output that could not be made: which file, at which step, and why.
public struct RenderFailure: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The EPUB container could not be assembled.
        case epub(String)
        /// A learning-platform package could not be assembled.
        case package(String)
        /// WeasyPrint could not make the PDF.
        case pdf(String)
        /// Writing the rendered file failed.
        case write(String)
    }

    public var path: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .epub(let detail): "cannot make the e-book '\(path)': \(detail)"
        case .package(let detail): "cannot make the learning-platform package '\(path)': \(detail)"
        case .pdf(let detail): "cannot make the PDF '\(path)': \(detail)"
        case .write(let detail): "cannot write '\(path)': \(detail)"
        }
    }

    /// The failure as an error diagnostic, so the build stops like for any
    /// content error and the previous site stays.
    var diagnostic: Diagnostic {
        .error("render-failed", at: nil, description, hint: Self.hint)
    }

    /// The failure as the error of a stream that fails while it is written
    /// (the catalogue's e-book): the build stops the same way.
    var outputError: OutputError {
        OutputError(.write, .renderFailed, path: path, message: description, hint: Self.hint)
    }

    private static let hint = "the previous site was left as it was; fix the cause and build again"
}
