import Mustache

/// What a template sees of a view's field, typed: the Mustache renderer
/// (``MustacheRenderer``) switches on it instead of casting `Any` to one
/// protocol after another for every tag.
public enum TemplateValue: Sendable {
    /// Absent (an optional that is nil): the lookup goes on outward.
    case none
    case text(String)
    case number(Int)
    case flag(Bool)
    case view(any TemplateFields)
    case list(any TemplateList)
}

/// Something a template can name fields of.
public protocol TemplateFields: Sendable {
    /// The field `name`, or ``TemplateValue/none`` when there is none.
    func value(named name: String) -> TemplateValue
}

/// A list a section iterates over.
public protocol TemplateList: Sendable {
    var elementCount: Int { get }
    func element(at index: Int) -> TemplateValue
}

/// A Swift value a view field may hold, as the template sees it (the
/// generated lookups call it, chosen by the field's static type).
public protocol TemplateValueConvertible: Sendable {
    var templateValue: TemplateValue { get }
}

extension String: TemplateValueConvertible {
    public var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateValueConvertible {
    public var templateValue: TemplateValue { .number(self) }
}

extension Bool: TemplateValueConvertible {
    public var templateValue: TemplateValue { .flag(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    public var templateValue: TemplateValue { self?.templateValue ?? .none }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    public var templateValue: TemplateValue { .list(self) }
}

extension Array: TemplateList where Element: TemplateValueConvertible {
    public var elementCount: Int { count }
    public func element(at index: Int) -> TemplateValue { self[index].templateValue }
}

extension TemplateView {
    public var templateValue: TemplateValue { .view(self) }
}

/// A list seen back to front (`reversed(list)`).
struct ReversedTemplateList: TemplateList {
    let base: any TemplateList
    var elementCount: Int { base.elementCount }
    func element(at index: Int) -> TemplateValue { base.element(at: base.elementCount - 1 - index) }
}

/// A list of values made by a transform (`sorted(list)`).
struct ValueList: TemplateList {
    let values: [TemplateValue]
    var elementCount: Int { values.count }
    func element(at index: Int) -> TemplateValue { values[index] }
}

extension TemplateValue {
    /// The field `name` of a view; ``none`` for any other value, or a view
    /// without that field.
    func field(_ name: String) -> TemplateValue {
        guard case .view(let view) = self else { return .none }
        return view.value(named: name)
    }

    /// The transforms swift-mustache applies, with its results: `empty`,
    /// `count`, `first`, `last`, `reversed` and `sorted` on lists; `empty`,
    /// `capitalized`, `lowercased`, `uppercased` and `reversed` on text;
    /// `equalzero`, `plusone`, `minusone`, `even` and `odd` on numbers.
    /// Anything else is ``none`` (the tag renders nothing).
    func transformed(_ name: String) -> TemplateValue {
        switch self {
        case .text(let text):
            switch name {
            case "empty": return .flag(text.isEmpty)
            case "capitalized": return .text(text.capitalized)
            case "lowercased": return .text(text.lowercased())
            case "uppercased": return .text(text.uppercased())
            case "reversed": return .text(String(text.reversed()))
            default: return .none
            }
        case .list(let list):
            let count = list.elementCount
            switch name {
            case "empty": return .flag(count == 0)
            case "count": return .number(count)
            case "first": return count > 0 ? list.element(at: 0) : .none
            case "last": return count > 0 ? list.element(at: count - 1) : .none
            case "reversed": return .list(ReversedTemplateList(base: list))
            case "sorted":
                // Only lists of comparable values sort (views do not).
                var texts: [String] = []
                var numbers: [Int] = []
                for index in 0..<count {
                    switch list.element(at: index) {
                    case .text(let text): texts.append(text)
                    case .number(let number): numbers.append(number)
                    default: return .none
                    }
                }
                if !texts.isEmpty, !numbers.isEmpty { return .none }
                return .list(ValueList(values: texts.isEmpty ? numbers.sorted().map(TemplateValue.number) : texts.sorted().map(TemplateValue.text)))
            default: return .none
            }
        case .number(let number):
            switch name {
            case "equalzero": return .flag(number == 0)
            case "plusone": return .number(number + 1)
            case "minusone": return .number(number - 1)
            case "even": return .flag(number & 1 == 0)
            case "odd": return .flag(number & 1 == 1)
            default: return .none
            }
        case .none, .flag, .view:
            return .none
        }
    }

    /// The text a `{{tag}}` shows (before escaping), as swift-mustache
    /// writes it: nil for an absent value.
    consuming func interpolated() -> String? {
        // Consuming: the text is moved out of the value it is in, not copied
        // (a retain for the copy and a release for the value let go).
        switch consume self {
        case .none: nil
        case .text(let text): text
        case .number(let number): String(number)
        case .flag(let flag): flag ? "true" : "false"
        case .view(let view): String(describing: view)
        case .list(let list): String(describing: list)
        }
    }
}

/// What swift-mustache reads, for a theme it renders (it takes `Any`): the
/// same fields through ``TemplateFields/value(named:)``, given as the Swift
/// types its sections and transforms know (String, Int, Bool, arrays).
struct MustacheFields: MustacheParent, CustomStringConvertible {
    let fields: any TemplateFields
    func child(named name: String) -> Any? { fields.value(named: name).mustacheValue }
    var description: String { String(describing: fields) }
}

extension TemplateValue {
    var mustacheValue: Any? {
        switch self {
        case .none: return nil
        case .text(let text): return text
        case .number(let number): return number
        case .flag(let flag): return flag
        case .view(let view): return MustacheFields(fields: view)
        case .list(let list):
            let elements = (0..<list.elementCount).map { list.element(at: $0) }
            // A list of texts stays [String], so `sorted()` works on it as on the field itself.
            let texts = elements.compactMap { if case .text(let text) = $0 { text } else { nil } }
            if texts.count == elements.count { return texts }
            return elements.compactMap(\.mustacheValue)
        }
    }
}
