import Foundation
import Testing

@testable import TrellisCore

@Suite struct AtomicOutputTests {
    @Test func failedBuildLeavesPreviousOutputUnchanged() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let output = directory.sub("out")
        let first = build(content, output: output)
        #expect(first.succeeded, "\(summary(first.diagnostics))")
        let before = snapshot(output)
        #expect(before["index.html"] != nil)

        // Break the copy: the practice loses its required Benefits section,
        // and a task gets invalid YAML.
        let practice = "\(content)/practices/good-practice.md"
        let text = try readText(practice).replacingOccurrences(of: "## Benefits", with: "## Benefitz")
        try text.write(toFile: practice, atomically: false, encoding: .utf8)
        try "---\ntitle: [unclosed\n---\n".write(toFile: "\(content)/modules/intro-module/02-compare-schools.md", atomically: false, encoding: .utf8)

        let second = build(content, output: output)
        #expect(!second.succeeded)
        #expect(second.diagnostics.contains { $0.id == "missing-section" })
        #expect(second.diagnostics.contains { $0.id == "yaml-syntax" })
        #expect(second.filesWritten == 0)
        #expect(snapshot(output) == before)
        // No temporary folder is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["content", "out"])
    }

    @Test func successfulRebuildReplacesTheWholeFolder() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let output = directory.sub("out")
        #expect(build(content, output: output).succeeded)
        try "left over".write(toFile: "\(output)/stale.html", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(content)/pages/about.md")
        // The home page no longer links to the about page once it is gone.
        try "---\ntitle: Welcome\n---\n\nHello.\n".write(toFile: "\(content)/index.md", atomically: false, encoding: .utf8)
        let result = build(content, output: output)
        #expect(result.succeeded, "\(summary(result.diagnostics))")
        #expect(!FileManager.default.fileExists(atPath: "\(output)/stale.html"))
        #expect(!FileManager.default.fileExists(atPath: "\(output)/pages/about.html"))
        #expect(FileManager.default.fileExists(atPath: "\(output)/\(OutputWriter.marker)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["content", "out"])
    }

    /// A rebuild links the files whose bytes did not change (same inode,
    /// time stamp kept) and writes only the others; the previous site is
    /// never written to, so a file edited afterwards in the old tree could
    /// not leak into the new one.
    @Test func unchangedFilesAreLinkedNotWrittenAgain() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let output = directory.sub("out")
        #expect(build(content, output: output).succeeded)
        func inode(_ path: String) throws -> UInt64 {
            UInt64(try #require(try FileManager.default.attributesOfItem(atPath: "\(output)/\(path)")[.systemFileNumber] as? NSNumber).uint64Value)
        }
        let before = try ["index.html", "practices/good-practice.html", "assets/trellis.css"].map { try inode($0) }
        let text = try readText("\(content)/practices/good-practice.md") + "\nOne more line.\n"
        try text.write(toFile: "\(content)/practices/good-practice.md", atomically: false, encoding: .utf8)
        #expect(build(content, output: output).succeeded)
        let after = try ["index.html", "practices/good-practice.html", "assets/trellis.css"].map { try inode($0) }
        #expect(after[0] == before[0] && after[2] == before[2], "unchanged files are the same files")
        #expect(after[1] != before[1], "a changed file is written anew")
        #expect(try readText("\(output)/practices/good-practice.html").contains("One more line."))
        // Only the new site's links remain once the old one is removed.
        let links = try #require(try FileManager.default.attributesOfItem(atPath: "\(output)/index.html")[.referenceCount] as? NSNumber)
        #expect(links.intValue == 1)
    }

    /// A rebuild keeps the compressed bytes of the archive entries that did
    /// not change; what it writes is byte for byte what a fresh build writes.
    @Test func aRebuildWritesTheArchivesAFreshBuildWould() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let output = directory.sub("out")
        #expect(build(content, output: output).succeeded)
        #expect(OutputWriter(output: output).reusableBuild == OutputWriter(output: output).output)
        let task = "\(content)/modules/intro-module/02-compare-schools.md"
        try (readText(task) + "\nOne more line for the handbook.\n").write(toFile: task, atomically: false, encoding: .utf8)
        #expect(build(content, output: output).succeeded)
        let fresh = directory.sub("fresh")
        #expect(build(content, output: fresh).succeeded)
        let archives = snapshot(fresh).keys.filter { $0.hasSuffix(".epub") || $0.hasSuffix(".imscc") }.sorted()
        #expect(archives.count >= 3, "\(archives)")
        for path in archives {
            let rebuilt = try #require(FileManager.default.contents(atPath: "\(output)/\(path)"))
            let made = try #require(FileManager.default.contents(atPath: "\(fresh)/\(path)"))
            #expect(rebuilt == made, "\(path)")
        }
    }

    /// Archives are reused only from a folder whose marker names the same
    /// compressor and level (another version's output is compressed afresh).
    @Test func onlyASameCompressorBuildIsReused() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("out")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let writer = OutputWriter(output: output)
        #expect(writer.reusableBuild == nil)
        try "This folder is generated by Trellis; it is replaced on every build.\n".write(
            toFile: "\(output)/\(OutputWriter.marker)", atomically: false, encoding: .utf8)
        #expect(writer.reusableBuild == nil)
        try OutputWriter.markerText.write(toFile: "\(output)/\(OutputWriter.marker)", atomically: false, encoding: .utf8)
        #expect(writer.reusableBuild == writer.output)
    }

    /// The previous site is removed whole, and a symbolic link in it is
    /// removed, never followed: what it points to is left as it was.
    @Test func removingTheOldSiteNeverFollowsALink() throws {
        let directory = TemporaryDirectory()
        let old = directory.sub("old")
        let outside = directory.sub("outside")
        for folder in ["\(old)/a/b/c", "\(old)/empty", "\(old)/practices", outside] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        for (index, path) in ["index.html", "a/one.html", "a/b/two.html", "a/b/c/three.html"].enumerated() {
            try "page \(index)".write(toFile: "\(old)/\(path)", atomically: false, encoding: .utf8)
        }
        for n in 0..<300 { try "p".write(toFile: "\(old)/practices/p\(n).html", atomically: false, encoding: .utf8) }
        try "keep me".write(toFile: "\(outside)/kept.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(old)/a/linked", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: "\(old)/dangling", withDestinationPath: "\(directory.path)/nowhere")
        // A name that is not UTF-8 (Latin-1 'é').
        let latin1 = Array("\(old)/caf".utf8CString.dropLast()) + [CChar(bitPattern: 0xE9), 0]
        let fd = open(latin1, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        close(fd)

        OutputWriter.removeTree(old)
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(try readText("\(outside)/kept.txt") == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["outside"])
    }

    /// A stream that fails part way (a file it reads changed under it)
    /// fails the write, and the previous site stays as it was.
    @Test func aStreamThatFailsLeavesThePreviousSite() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("out")
        let writer = OutputWriter(output: output)
        _ = try writer.write([Artifact(path: "catalogue.json", content: .text("[1]\n")), Artifact(path: "index.html", content: .text("<p>one</p>"))])
        let failing = ByteStream { emit throws(OutputError) in
            var piece = "[2"
            piece.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
            throw OutputError(.write, .unreadableSource, path: "x.md", message: "'x.md' changed while the site was being built")
        }
        #expect(throws: OutputError.self) {
            _ = try writer.write([
                Artifact(path: "catalogue.json", content: .stream(failing)), Artifact(path: "index.html", content: .text("<p>two</p>")),
            ])
        }
        #expect(try readText("\(output)/catalogue.json") == "[1]\n")
        #expect(try readText("\(output)/index.html") == "<p>one</p>")
    }

    /// A streamed file is written piece by piece as it is made; unchanged
    /// from the previous build, it becomes a link to that file.
    @Test func aStreamIsWrittenAsItComesAndLinkedWhenUnchanged() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("out")
        func stream(_ text: String) -> ByteStream {
            ByteStream { emit in
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    var piece = String(line) + "\n"
                    piece.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
                }
            }
        }
        let big = (0..<5000).map { "row \($0), a practice" }.joined(separator: "\n")
        let writer = OutputWriter(output: output)
        func build(_ text: String) throws {
            _ = try writer.write([
                Artifact(path: "catalogue.csv", content: .stream(stream(text))), Artifact(path: "index.html", content: .text("<p>home</p>")),
            ])
        }
        func inode() throws -> UInt64 {
            UInt64(
                try #require(try FileManager.default.attributesOfItem(atPath: "\(output)/catalogue.csv")[.systemFileNumber] as? NSNumber).uint64Value)
        }
        try build(big)
        #expect(try readText("\(output)/catalogue.csv") == big + "\n")
        #expect(try stream(big).bytes() == Array((big + "\n").utf8))
        let first = try inode()
        try build(big)
        #expect(try inode() == first, "an unchanged stream is the same file")
        try build(big + "\none more row")
        #expect(try inode() != first)
        #expect(try readText("\(output)/catalogue.csv") == big + "\none more row\n")
        // Changed in the middle, cut short, empty: the file is always the stream's bytes.
        let changed = big.replacingOccurrences(of: "row 2500,", with: "row 2500 (edited),")
        for text in [changed, String(big.prefix(1000)), big, ""] {
            try build(text)
            #expect(try readText("\(output)/catalogue.csv") == (text.isEmpty ? "\n" : text + "\n"), "\(text.prefix(20))")
        }
        // A previous file larger than what is read whole is compared a range at a time.
        let huge = (0..<60_000).map { "row \($0), a practice" }.joined(separator: "\n")
        #expect(huge.utf8.count > 1 << 20)
        try build(huge)
        let hugeFile = try inode()
        try build(huge)
        #expect(try inode() == hugeFile, "an unchanged large stream is the same file")
        for text in [huge.replacingOccurrences(of: "row 59000,", with: "row 59000 (edited),"), String(huge.prefix(1_100_000)), big] {
            try build(text)
            #expect(try readText("\(output)/catalogue.csv") == text + "\n", "\(text.count)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == [".trellis-output", "catalogue.csv", "index.html"])
    }

    /// Only a plain file with the same bytes is linked; every other file
    /// is written anew, with the new bytes, and the previous one is left
    /// as it was.
    @Test func onlyIdenticalPlainFilesAreLinked() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.sub("new"), withIntermediateDirectories: true)
        try "same".write(toFile: directory.sub("a"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory.sub("link"), withDestinationPath: directory.sub("a"))
        func inode(_ path: String) throws -> UInt64 {
            try #require(try FileManager.default.attributesOfItem(atPath: directory.sub(path))[.systemFileNumber] as? NSNumber).uint64Value
        }
        let cases: [(name: String, previous: String, bytes: String, linked: Bool)] = [
            ("a", "a", "same", true),
            ("b", "a", "sane", false),  // same size, another byte
            ("c", "a", "same!", false),  // longer
            ("d", "a", "sam", false),  // shorter
            ("e", "missing", "same", false),
            ("f", "link", "same", false),  // a symbolic link is never followed
        ]
        for item in cases {
            let failure = Array(item.bytes.utf8).withUnsafeBytes {
                OutputWriter.put($0, at: directory.sub("new/\(item.name)"), existing: directory.sub(item.previous))
            }
            #expect(failure == nil)
            #expect(try readText(directory.sub("new/\(item.name)")) == item.bytes)
            #expect(try (inode("new/\(item.name)") == inode("a")) == item.linked, "\(item.name)")
        }
        #expect(try readText(directory.sub("a")) == "same")
    }

    @Test func outputEqualToContentIsRefused() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let before = snapshot(content)
        let result = build(content, output: content)
        #expect(result.outputError != nil)
        #expect(!result.succeeded)
        #expect(snapshot(content) == before)
    }

    @Test func outputHoldingContentIsRefused() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let before = snapshot(directory.path)
        let result = build(content, output: directory.path)
        #expect(result.outputError != nil)
        #expect(snapshot(directory.path) == before)
        // Also through a path that is not written the same way.
        let result2 = build(content, output: directory.path + "/./content/..")
        #expect(result2.outputError != nil)
        #expect(snapshot(directory.path) == before)
    }

    @Test func outputThroughSymlinkToContentIsRefused() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        try FileManager.default.createSymbolicLink(atPath: directory.sub("link"), withDestinationPath: content)
        let before = snapshot(content)
        let result = build(content, output: directory.sub("link"))
        #expect(result.outputError != nil)
        #expect(snapshot(content) == before)
    }

    @Test func outputInsideContentIsRefused() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let result = build(content, output: "\(content)/out")
        #expect(result.outputError != nil)
        #expect(!FileManager.default.fileExists(atPath: "\(content)/out"))
    }

    @Test func foreignNonEmptyFolderIsRefusedUnlessForced() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("mine")
        try writeSite(output, ["thesis.docx": "important", "notes/a.txt": "keep"])
        let before = snapshot(output)

        let refused = build(Fixtures.content("minimal"), output: output)
        #expect(refused.outputError != nil)
        #expect(refused.outputError?.hint?.contains("--force") == true)
        #expect(snapshot(output) == before)

        let forced = build(Fixtures.content("minimal"), output: output, force: true)
        #expect(forced.succeeded)
        #expect(FileManager.default.fileExists(atPath: "\(output)/\(OutputWriter.marker)"))
        #expect(FileManager.default.fileExists(atPath: "\(output)/index.html"))
    }

    @Test func emptyFolderIsAccepted() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("empty")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        #expect(build(Fixtures.content("minimal"), output: output).succeeded)
        #expect(FileManager.default.fileExists(atPath: "\(output)/index.html"))
    }

    @Test func outputThatIsAFileIsRefused() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("file.txt")
        try "data".write(toFile: output, atomically: false, encoding: .utf8)
        let result = build(Fixtures.content("minimal"), output: output)
        #expect(result.outputError != nil)
        #expect(try readText(output) == "data")
    }

    @Test func checkNeverWrites() throws {
        let directory = TemporaryDirectory()
        let content = try copyFixture("minimal", into: directory)
        let before = snapshot(directory.path)
        // Even an output that would be refused for a build is not touched by a check.
        let result = build(content, output: content, write: false)
        #expect(result.succeeded)
        #expect(result.filesWritten == 0)
        #expect(snapshot(directory.path) == before)
        let elsewhere = build(content, output: directory.sub("out"), write: false)
        #expect(elsewhere.succeeded)
        #expect(!FileManager.default.fileExists(atPath: directory.sub("out")))
    }
}

@Suite struct OutputWriterUnitTests {
    @Test func writesArtifactsAndMarker() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("site")
        let count = try OutputWriter(output: output).write([
            Artifact(path: "index.html", content: .text("<p>hi</p>")),
            Artifact(path: "a/b/c.bin", content: .bytes([0, 1, 2, 255])),
        ])
        #expect(count == 2)
        let files = snapshot(output)
        #expect(Set(files.keys) == ["index.html", "a/b/c.bin", OutputWriter.marker])
        #expect(files["index.html"] == Data("<p>hi</p>".utf8))
        #expect(files["a/b/c.bin"] == Data([0, 1, 2, 255]))
    }

    @Test func duplicatePathsFailWithoutTouchingOutput() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("site")
        try OutputWriter(output: output).write([Artifact(path: "index.html", content: .text("old"))])
        let before = snapshot(output)
        #expect(throws: OutputError.self) {
            try OutputWriter(output: output).write([
                Artifact(path: "index.html", content: .text("new")),
                Artifact(path: "index.html", content: .text("newer")),
            ])
        }
        #expect(snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site"])
    }

    @Test func missingCopySourceFailsWithoutTouchingOutput() throws {
        let directory = TemporaryDirectory()
        let output = directory.sub("site")
        try OutputWriter(output: output).write([Artifact(path: "index.html", content: .text("old"))])
        let before = snapshot(output)
        #expect(throws: OutputError.self) {
            try OutputWriter(output: output).write([
                Artifact(path: "index.html", content: .text("new")),
                Artifact(path: "media/x.png", content: .copy(from: directory.sub("does-not-exist.png"))),
            ])
        }
        #expect(snapshot(output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site"])
    }

    @Test func validateRefusesRoot() {
        #expect(throws: OutputError.self) { try OutputWriter(output: "/").validate(content: "/tmp/some-content") }
    }
}
