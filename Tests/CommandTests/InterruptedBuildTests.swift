import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A build killed at any moment (SIGINT, or SIGKILL mid-write) leaves the
/// previous site exactly as it was; the next build cleans up after it.
@Suite(.serialized) struct InterruptedBuildTests {
    static let body =
        "\n## Description\n\nText about the practice.\n\n## Who is involved?\n\nTeachers.\n\n## Benefits\n\nMany.\n\n## Challenges and how they were overcome\n\nSome.\n\n## Step by step implementation\n\n1. One.\n2. Two.\n"

    /// A site big enough that a build takes a while.
    static func makeSite(_ root: String, title: String, practices: Int) throws {
        try FileManager.default.createDirectory(atPath: "\(root)/practices", withIntermediateDirectories: true)
        try "title: \(title)\n".write(toFile: "\(root)/site.yml", atomically: true, encoding: .utf8)
        let paragraph = String(repeating: "Teachers in rural schools meet online to plan lessons together. ", count: 30)
        for index in 0..<practices {
            let text = "---\ntitle: Practice \(index)\ncountry: FI\ntags: [t\(index % 40)]\n---\n" + body + "\n" + paragraph + "\n"
            try text.write(toFile: "\(root)/practices/p\(index).md", atomically: false, encoding: .utf8)
        }
    }

    static func snapshot(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(root)/\(relative)", isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: "\(root)/\(relative)")
            }
        }
        return files
    }

    @Test(arguments: [(SIGKILL, 0.3), (SIGKILL, 0.8), (SIGKILL, 1.5), (SIGINT, 0.5), (SIGINT, 1.2)])
    func killedBuildLeavesThePreviousSite(signal: Int32, after seconds: Double) throws {
        let directory = TemporaryDirectory()
        let content = "\(directory.path)/content"
        let output = "\(directory.path)/output"
        try Self.makeSite(content, title: "First", practices: 1500)
        let first = try trellis(["build", "--content", content, "--output", output])
        #expect(first.status == 0, "\(first.stderr)")
        let before = Self.snapshot(output)
        #expect(before.count > 1500)

        try "title: Second\n".write(toFile: "\(content)/site.yml", atomically: true, encoding: .utf8)
        let binary = try #require(TrellisBinary.url)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["build", "--content", content, "--output", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: seconds)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        let after = Self.snapshot(output)
        let finished = process.terminationReason == .exit && process.terminationStatus == 0
        if finished {
            // The build won the race: then the whole new site must be there.
            #expect(after["index.html"].map { String(decoding: $0, as: UTF8.self).contains("Second") } == true)
        } else {
            #expect(after == before, "the previous site changed after \(signal == SIGKILL ? "SIGKILL" : "SIGINT")")
        }
        // The next build succeeds and leaves no temporary folder behind.
        let again = try trellis(["build", "--content", content, "--output", output])
        #expect(again.status == 0, "\(again.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("trellis-tmp") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        let index = try String(contentsOfFile: "\(output)/index.html", encoding: .utf8)
        #expect(index.contains("Second"))
    }
}
