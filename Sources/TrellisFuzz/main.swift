// libFuzzer entry point for Trellis's document parser (front matter, YAML,
// Markdown, template matching, checks). Built by `make fuzz` with
// -sanitize=fuzzer; libFuzzer provides main().
import TrellisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    Fuzzing.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
