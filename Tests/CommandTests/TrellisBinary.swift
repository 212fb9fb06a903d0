import Foundation
import Testing

/// The built `trellis` executable, found beside the test bundle in the
/// build products folder (`.build/debug`, `.build/<triple>/debug`, or any
/// `--scratch-path`), or named by `TRELLIS_BINARY`.
enum TrellisBinary {
    static let url: URL? = {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment["TRELLIS_BINARY"], fileManager.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        var starts: [URL] = [
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath(),
            Bundle.main.bundleURL,
        ]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") { starts.append(bundle.bundleURL) }
        for start in starts {
            var folder = start
            // Walk up a few levels: the .xctest bundle (macOS) nests its executable in Contents/MacOS.
            for _ in 0..<5 {
                let candidate = folder.appendingPathComponent("trellis")
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }()
}

/// What a finished `trellis` process left behind.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `trellis` with `arguments` in `directory` and waits for it.
func trellis(_ arguments: [String], in directory: String? = nil, unprivileged: Bool = false) throws -> RunResult {
    let binary = try #require(TrellisBinary.url, "the trellis executable was not found beside the test bundle; build it or set TRELLIS_BINARY")
    let process = Process()
    if unprivileged && getuid() == 0 {
        // Root reads everything: tests about permissions run the build as
        // `nobody`, or they prove nothing.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", binary.path] + arguments
    } else {
        process.executableURL = binary
        process.arguments = arguments
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes to the end before waiting, so a full pipe cannot block the child.
    let group = DispatchGroup()
    let errData = DataBox()
    group.enter()
    DispatchQueue.global().async {
        errData.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData.data, as: UTF8.self))
}

/// A fresh temporary folder, removed on deinit.
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("trellis-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `files` (relative path → text) under `path/<folder>` and returns that folder.
    @discardableResult
    func site(_ folder: String, _ files: [String: String]) throws -> String {
        let root = "\(path)/\(folder)"
        for (relative, text) in files {
            let full = "\(root)/\(relative)"
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        return root
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: "\(path)/\(relative)") }

    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
}

/// Bytes read on another thread; read only after that thread is done.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
