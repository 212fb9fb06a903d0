// libFuzzer target for Trellis's document parser (front matter, YAML,
// Markdown, template matching, checks) and for Word import (the .docx ZIP
// container, word/document.xml, the plain-text export, and the practice file
// written from them). `make fuzz` builds it with -sanitize=fuzzer,address and
// -DTRELLIS_FUZZ; the program hands control to libFuzzer's driver, which
// calls LLVMFuzzerTestOneInput with each input.
//
// TRELLIS_FUZZ_INPUT chooses what each input is fed to:
//   markdown  the document parser only
//   import    Word import only (as a .docx, as document.xml in a .docx, as .txt)
//   unset     both (the default of `make fuzz`)
// e.g. `TRELLIS_FUZZ_INPUT=import make fuzz`.
import TrellisCore

#if TRELLIS_FUZZ
    #if canImport(Glibc)
        import Glibc
    #endif

    let fuzzInput: String = {
        guard let value = getenv("TRELLIS_FUZZ_INPUT") else { return "all" }
        return String(cString: value)
    }()

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if fuzzInput != "import" { Fuzzing.run(bytes) }
        if fuzzInput != "markdown" {
            // A broken promise of the import is a finding, like a crash.
            let problems = Fuzzing.runImport(bytes)
            if !problems.isEmpty {
                let message = "import: \(problems.joined(separator: "\n"))\n"
                _ = message.withCString { write(2, $0, strlen($0)) }
                abort()
            }
        }
        return 0
    }

    /// LeakSanitizer suppressions built into the target (the same as
    /// Tests/Fuzz/lsan-suppressions.txt), so that `make fuzz` needs no
    /// LSAN_OPTIONS: swift-corelibs-foundation's XMLParser leaks the NSError it
    /// makes for every XML error, and Word import feeds it malformed XML.
    @_cdecl("__lsan_default_suppressions")
    public func lsanDefaultSuppressions() -> UnsafePointer<CChar>? {
        let text: StaticString = "leak:_CFErrorCreateFromXMLInterface\nleak:_structuredErrorFunc\n"
        return UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    var argumentCount = CommandLine.argc
    var arguments = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argumentCount, &arguments) { data, size in fuzzOneInput(data, size) })
#else
    // Built without the fuzzer (plain `swift build`): say how to run it.
    print("trellis-fuzz is built and run by `make fuzz` (libFuzzer, -sanitize=fuzzer).")
#endif
