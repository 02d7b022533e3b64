import Foundation
import SujaritCore

/// Text made safe for XML parts and text files: NFC, without the characters XML 1.0 cannot hold.
///
/// Imported documents bring control characters (form feeds, vertical tabs, NULs) and text that
/// was repaired from broken UTF-16 (U+FFFD stays; lone surrogates cannot exist in a Swift
/// `String`). XML 1.0 allows only TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000 up;
/// everything else is dropped here, so every part stays well-formed whatever the plan holds.
enum XMLText {
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// NFC text with the characters XML cannot hold removed.
    static func clean(_ text: String) -> String {
        let normalized = text.precomposedStringWithCanonicalMapping
        guard normalized.unicodeScalars.contains(where: { !isAllowed($0) }) else { return normalized }
        var scalars = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars where isAllowed(scalar) { scalars.append(scalar) }
        return String(scalars)
    }

    /// Escaped for element content and attribute values (quotes included), after `clean`.
    static func escape(_ text: String) -> String {
        let cleaned = clean(text)
        guard cleaned.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x0D }) else {
            return cleaned
        }
        var out = ""
        out.reserveCapacity(cleaned.utf8.count + 16)
        for scalar in cleaned.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Digits as the organization prints them. Generated text (numbers, years, amounts, list
/// markers) follows the setting; text the officers wrote does too, except words that hold Latin
/// letters or look like addresses ("E-Service", "www.abc123.go.th", "O25"), which stay as typed.
struct DigitPrinter: Sendable {
    let style: DigitStyle

    /// A number or generated label.
    func generated(_ text: String) -> String { ThaiDigits.apply(style, to: text) }

    func number(_ value: Int) -> String { generated(String(value)) }

    func money(_ money: Money) -> String { money.formatted(digits: style) }

    /// Text an officer wrote.
    func written(_ text: String) -> String {
        guard style == .thai, text.unicodeScalars.contains(where: { $0.properties.numericType != nil && $0.isASCII }) else { return text }
        var out = ""
        var word = ""
        func flush() {
            if word.unicodeScalars.contains(where: { ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "@" || $0 == "/" || $0 == ":" || $0 == "_" }) {
                out += word
            } else {
                out += ThaiDigits.toThai(word)
            }
            word = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                out.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }
}
