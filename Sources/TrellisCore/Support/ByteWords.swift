/// Eight bytes tested at a time (the usual zero-byte trick on a 64-bit
/// word), for the loops that read text and stop only at a few bytes (the
/// source decoder, the spreadsheet's cells): a word with none of them is
/// passed over whole. (The Markdown module's plain-text reader has its own:
/// it cannot see this one.)
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `bytes` from `index` (which has eight after it).
    @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64? {
        guard index + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
        return UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
    }

    /// Nonzero when a byte of `word` is `byte` (exact as to whether any is).
    @inline(__always)
    static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Nonzero when a byte of `word` is below `limit` (at most 0x80) or
    /// has its high bit set (exact as to whether any is).
    @inline(__always)
    static func belowOrHigh(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        ((word &- ones &* UInt64(limit)) & ~word & highs) | (word & highs)
    }
}

extension UInt8 {
    /// Tab, line feed, vertical tab, form feed, carriage return or space:
    /// the ASCII characters `Character.isWhitespace` counts, for the loops
    /// that trim text on bytes.
    var isASCIIWhitespace: Bool { (0x09...0x0D).contains(self) || self == 0x20 }
}
