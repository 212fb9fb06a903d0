import Markdown

/// The one way author data becomes part of a path inside `output/`.
///
/// Every dynamic part of a ``Route`` (ids, vocabulary terms, tags, country
/// codes) passes ``segment(_:)``, and the writer refuses any path that fails
/// ``isSafe(_:)``, so no value from content can name a file outside the
/// output folder, whatever the checks before it missed.
public enum OutputPath {
    /// The longest segment, in UTF-8 bytes: file names are limited to 255
    /// bytes, and a segment is followed by an extension such as `.html`.
    static let maximumSegmentBytes = 200

    /// A file or folder name made from `text`. Text that is already a safe
    /// name (letters and digits of any script, `-` and `_`, not starting with
    /// `-`, all lowercase, so two names never differ only in case, which
    /// some file systems cannot tell apart) is kept as it is, so ids keep
    /// their spelling; anything else
    /// becomes its slug (`../../Upper secondary` → `upper-secondary`). Nil
    /// when nothing usable remains (`..`, `///`, `?!`).
    public static func segment(_ text: String) -> String? {
        let candidate = isSafeSegment(text) ? text : Slug.make(text, fallback: "")
        guard !candidate.isEmpty else { return nil }
        return truncated(candidate)
    }

    /// `segment(text)`, or a fixed name for text that has none; the checks
    /// report such text as an error before anything is rendered.
    static func segmentOrPlaceholder(_ text: String) -> String {
        segment(text) ?? "unnamed"
    }

    /// Whether `text` can be used as one path segment as it is.
    static func isSafeSegment(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "-"), text.utf8.count <= maximumSegmentBytes else { return false }
        // Fast path: ids and most terms are plain ASCII.
        var ascii = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                continue
            case 0x80...: ascii = false
            default: return false
            }
        }
        if ascii { return true }
        return text.unicodeScalars.allSatisfy { scalar in
            if scalar == "-" || scalar == "_" { return true }
            let properties = scalar.properties
            return (properties.isAlphabetic || properties.numericType != nil) && !properties.changesWhenLowercased
                && !isControlOrFormat(scalar)
        }
    }

    /// Whether a relative output path (`practices/sector/vet.html`) stays
    /// inside the output folder and names an ordinary file: no empty, `.` or
    /// `..` segment, no leading `/`, no backslash, no control character.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        // Fast path, on bytes: a plain ASCII path (every path Trellis makes
        // from ASCII ids) is read once, without a scalar's properties.
        var plain = path
        if let safe = plain.withUTF8({ isSafeASCII($0) }) { return safe }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty || segment == "." || segment == ".." || segment.utf8.count > 255 { return false }
            for scalar in segment.unicodeScalars where scalar == "\\" || isControlOrFormat(scalar) {
                return false
            }
        }
        return true
    }

    /// ``isSafe(_:)`` for a path of printable ASCII; nil when it has any
    /// other byte, which the scalar check reads.
    private static func isSafeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var segmentStart = 0
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : slash
            if byte != slash {
                guard byte >= 0x20, byte < 0x7F else { return nil }
                if byte == UInt8(ascii: "\\") { return false }
                continue
            }
            let length = index - segmentStart
            if length == 0 || length > 255 { return false }
            if bytes[segmentStart] == dot, length == 1 || (length == 2 && bytes[segmentStart + 1] == dot) { return false }
            segmentStart = index + 1
        }
        return true
    }

    /// C0 and C1 controls, DEL, and invisible format characters such as
    /// bidirectional overrides, which could disguise a name in a listing.
    static func isControlOrFormat(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format
    }

    private static func truncated(_ text: String) -> String {
        guard text.utf8.count > maximumSegmentBytes else { return text }
        var out = ""
        for character in text {
            if out.utf8.count + character.utf8.count > maximumSegmentBytes { break }
            out.append(character)
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
