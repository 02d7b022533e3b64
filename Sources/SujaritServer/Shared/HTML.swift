import Foundation

/// A fragment of HTML that is safe to send: every `String` interpolated into it is escaped,
/// and only other `HTML` values (built the same way) are inserted as markup.
///
///     let page: HTML = "<p>\(userText)</p>"        // userText is escaped
///     let list: HTML = "<ul>\(items.map { row($0) })</ul>"   // nested HTML kept
///
/// Escaping covers text and attribute values (quotes included), so a value with `"`, `<`, `&`
/// or Thai combining marks cannot leave the attribute or element it was put in.
public struct HTML: ExpressibleByStringInterpolation, Sendable, CustomStringConvertible {
    public private(set) var rendered: String

    public init(stringLiteral value: String) { rendered = value }
    public init(unsafeRaw value: String) { rendered = value }
    public init() { rendered = "" }

    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    public var description: String { rendered }

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity * 2)
        }

        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { output += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { output += html?.rendered ?? "" }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { output += part.rendered } }
        public mutating func appendInterpolation(_ uuid: UUID) { output += uuid.uuidString.lowercased() }
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(unsafeRaw: a.rendered + b.rendered) }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{0}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Array where Element == HTML {
    public func joined(separator: HTML = "") -> HTML {
        HTML(unsafeRaw: map(\.rendered).joined(separator: separator.rendered))
    }
}
