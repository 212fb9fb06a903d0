/// A filled-in good-practice form as read from a file: rows of a label and
/// its answer. Readers (Word, plain text) produce this; the importer maps it.
public struct FilledForm: Sendable, Equatable {
    /// One piece of an answer.
    public enum Block: Sendable, Equatable {
        case paragraph(String)
        case bullet(String, level: Int)
        case numbered(String, level: Int)
    }

    public struct Row: Sendable, Equatable {
        public var label: String
        public var answer: [Block]
    }

    public var rows: [Row]
    /// Text outside the label/answer rows (form titles, instructions).
    public var preamble: [String]
}
