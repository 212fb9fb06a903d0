// libFuzzer target for Trellis's document parser (front matter, YAML,
// Markdown, template matching, checks). `make fuzz` builds it with
// -sanitize=fuzzer,address and -DTRELLIS_FUZZ; the program hands control to
// libFuzzer's driver, which calls LLVMFuzzerTestOneInput with each input.
import TrellisCore

#if TRELLIS_FUZZ
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    Fuzzing.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argumentCount = CommandLine.argc
var arguments = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argumentCount, &arguments) { data, size in fuzzOneInput(data, size) })
#else
// Built without the fuzzer (plain `swift build`): say how to run it.
print("trellis-fuzz is built and run by `make fuzz` (libFuzzer, -sanitize=fuzzer).")
#endif
