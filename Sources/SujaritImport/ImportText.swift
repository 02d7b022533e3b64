import Foundation
import SujaritCore

/// A list or section marker at the start of a line: "1)", "(2)", "๓.", "1.1)", "2.1.3", "-".
struct LineMarker: Hashable, Sendable {
    enum Style: Hashable, Sendable {
        /// "1)" or "1.1)"
        case closingParen
        /// "(1)" or "(3.2)"
        case parens
        /// "1." followed by text (also "9.ผลผลิต")
        case dot
        /// "2.1" or "1.1.2" followed by a space: a mission or sub-mission code.
        case code
        /// "-", "•", "*", "–"
        case bullet
    }

    var style: Style
    /// The numbers of the marker: [1] for "1)", [2, 1] for "2.1)"; empty for a bullet.
    var numbers: [Int]
    /// The text after the marker, trimmed.
    var rest: Substring
    /// The line also started with a "- " before a numbered marker ("- ๑) …").
    var hadBulletPrefix: Bool

    /// "2.1.3" for numbers [2, 1, 3].
    var code: String { numbers.map(String.init).joined(separator: ".") }
}

/// Text helpers shared by the readers and the parser. Digits are compared in Arabic form;
/// the stored text keeps whatever digits the document used.
enum ImportText {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    /// Trimmed, NFC, with every run of spaces (including no-break and zero-width spaces, which
    /// extraction leaves behind) written as one ordinary space. Control characters are dropped.
    static func clean<S: StringProtocol>(_ text: S) -> String {
        if isAlreadyClean(text.utf8) { return String(text) }
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFD { continue }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        let result = String(scalars)
        return isASCIIOrPrecomposed(result) ? result : result.precomposedStringWithCanonicalMapping
    }

    /// Whether the bytes hold nothing that `clean` would change: no space at either end, no
    /// double space, no control character, no special space, no combining mark or nikhahit.
    static func isAlreadyClean<U: Collection>(_ bytes: U) -> Bool where U.Element == UInt8 {
        guard let first = bytes.first else { return true }
        if first == 0x20 { return false }
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F { return false }
            if byte == 0x20 && previous == 0x20 { return false }
            // U+00A0, U+0080–U+009F (C2 xx), combining marks U+0300–U+036F (CC/CD xx)
            if byte == 0xC2 || byte == 0xCC || byte == 0xCD { return false }
            // U+2000–U+206F (E2 80/81 xx), U+3000 (E3 80 80), U+FEFF/U+FFFD (EF BB/BF xx)
            if previous == 0xE2 && (byte == 0x80 || byte == 0x81) { return false }
            if previous == 0xE3 && byte == 0x80 { return false }
            if previous == 0xEF && (byte == 0xBB || byte == 0xBF) { return false }
            if beforePrevious == 0xE1 && previous == 0x9A && byte == 0x80 { return false }
            // nikhahit U+0E4D (E0 B9 8D)
            if beforePrevious == 0xE0 && previous == 0xB9 && byte == 0x8D { return false }
            beforePrevious = previous
            previous = byte
        }
        return previous != 0x20
    }

    /// Thai text needs no normalization unless it holds a decomposed "sara am" or combining
    /// marks outside the Thai block; checking first keeps the common case fast.
    private static func isASCIIOrPrecomposed(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where scalar.value >= 0x300 {
            if (0x0300...0x036F).contains(scalar.value) { return false }
            if scalar.value == 0x0E4D { return false } // nikhahit, which may combine into sara am
        }
        return true
    }

    /// Thai digits as Arabic digits.
    static func arabic<S: StringProtocol>(_ text: S) -> String { ThaiDigits.toArabic(String(text)) }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0x0E50...0x0E59: Int(scalar.value - 0x0E50)
        default: nil
        }
    }

    /// A number of at most `maxDigits` digits (Thai or Arabic) at the start of `text`, and the rest.
    static func leadingNumber(_ text: Substring, maxDigits: Int = 4) -> (Int, Substring)? {
        var value = 0
        var count = 0
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex, let digit = digitValue(scalars[index]) {
            count += 1
            if count > maxDigits { return nil }
            value = value * 10 + digit
            index = scalars.index(after: index)
        }
        guard count > 0 else { return nil }
        return (value, Substring(scalars[index...]))
    }

    static func trimmedStart(_ text: Substring) -> Substring {
        guard let first = text.unicodeScalars.first, isSpace(first) else { return text }
        return Substring(text.unicodeScalars.drop(while: isSpace))
    }

    /// Reads the marker a line starts with, if any.
    static func marker(_ line: Substring) -> LineMarker? {
        var text = trimmedStart(line)
        var bulletPrefix = false
        if let first = text.first, "-•*–·".contains(first) {
            let after = text.dropFirst()
            if after.isEmpty { return LineMarker(style: .bullet, numbers: [], rest: after, hadBulletPrefix: false) }
            guard let next = after.first, next == " " || next == "\u{A0}" || next == "\t" else {
                // "-1)" or "-ข้อความ": still a bullet when followed by a Thai letter, else nothing.
                if let next = after.first, next.unicodeScalars.first.map({ (0x0E01...0x0E2E).contains($0.value) }) == true {
                    return LineMarker(style: .bullet, numbers: [], rest: after, hadBulletPrefix: false)
                }
                return nil
            }
            let rest = trimmedStart(after)
            if let numbered = numberedMarker(rest) {
                bulletPrefix = true
                var marker = numbered
                marker.hadBulletPrefix = bulletPrefix
                return marker
            }
            return LineMarker(style: .bullet, numbers: [], rest: rest, hadBulletPrefix: false)
        }
        text = trimmedStart(text)
        return numberedMarker(text)
    }

    private static func numberedMarker(_ text: Substring) -> LineMarker? {
        var rest = text
        var opened = false
        if rest.first == "(" {
            opened = true
            rest = rest.dropFirst()
        }
        var numbers: [Int] = []
        while let (value, after) = leadingNumber(rest, maxDigits: 3) {
            numbers.append(value)
            rest = after
            if rest.first == ".", let next = rest.dropFirst().unicodeScalars.first, digitValue(next) != nil, numbers.count < 5 {
                rest = rest.dropFirst()
                continue
            }
            break
        }
        guard !numbers.isEmpty else { return nil }
        if opened {
            guard rest.first == ")" else { return nil }
            return LineMarker(style: .parens, numbers: numbers, rest: trimmedStart(rest.dropFirst()), hadBulletPrefix: false)
        }
        if rest.first == ")" {
            return LineMarker(style: .closingParen, numbers: numbers, rest: trimmedStart(rest.dropFirst()), hadBulletPrefix: false)
        }
        if rest.first == "." {
            let after = rest.dropFirst()
            // "1.", "1. text", "9.ผลผลิต" — but not "1.5%" or a decimal.
            if let next = after.unicodeScalars.first, digitValue(next) != nil { return nil }
            return LineMarker(style: .dot, numbers: numbers, rest: trimmedStart(after), hadBulletPrefix: false)
        }
        if numbers.count >= 2, let next = rest.unicodeScalars.first, isSpace(next) {
            return LineMarker(style: .code, numbers: numbers, rest: trimmedStart(rest), hadBulletPrefix: false)
        }
        return nil
    }

    /// The text after a list marker, or the text itself.
    static func withoutMarker(_ line: String) -> String {
        guard let marker = marker(Substring(line)) else { return line }
        return String(marker.rest)
    }

    /// A compact form for comparing names: NFC, Arabic digits, no spaces, quotes or brackets,
    /// lower-case Latin.
    static func compact(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isSpace(scalar) { continue }
            switch scalar {
            case "\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", ",", ".", ":", ";", "-", "–", "—", "ฯ":
                continue
            default:
                if let digit = digitValue(scalar) {
                    scalars.append(Unicode.Scalar(UInt8(0x30 + digit)))
                } else if scalar.isASCII, scalar.properties.isUppercase {
                    scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                } else {
                    scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }

    /// Whether the text contains any Thai letter.
    static func containsThai<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains { (0x0E01...0x0E5B).contains($0.value) }
    }

    /// Whether a scalar is a Thai letter or vowel/tone mark (not a digit or punctuation).
    static func isThaiLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x0E01...0x0E4E).contains(scalar.value)
    }

    /// Joins text broken at a page break: directly when both sides are Thai letters (the break
    /// fell inside a phrase), with a space otherwise.
    static func joinBroken(_ head: String, _ tail: String) -> String {
        guard !head.isEmpty else { return tail }
        guard !tail.isEmpty else { return head }
        if let last = head.unicodeScalars.last, let first = tail.unicodeScalars.first, isThaiLetter(last), isThaiLetter(first) {
            return head + tail
        }
        return head + " " + tail
    }

    /// Replaces HTML character references (&amp; &lt; &#3585; &#x0E01; …).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            case "nbsp": replacement = " "
            case "ndash": replacement = "–"
            case "mdash": replacement = "—"
            case "ldquo": replacement = "“"
            case "rdquo": replacement = "”"
            default:
                if ImportText.starts(name, with: "#x") || ImportText.starts(name, with: "#X"), let value = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                    replacement = String(Character(scalar))
                } else if ImportText.starts(name, with: "#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) {
                    replacement = String(Character(scalar))
                }
            }
            if let replacement {
                result += replacement
                index = text.index(after: semicolon)
            } else {
                result.append(character)
                index = text.index(after: index)
            }
        }
        return result
    }

    /// The text of an HTML fragment as lines: `<p>`, `<br>`, `<li>`, `<div>`, `<ul>` and `<tr>`
    /// boundaries become line breaks, other tags are dropped, and " - " bullets inside a `<ul>`
    /// that has no `<li>` become lines of their own.
    static func htmlFragmentLines(_ fragment: String) -> [String] {
        guard fragment.contains("<") else { return [clean(decodeEntities(fragment))].filter { !$0.isEmpty } }
        var lines: [String] = []
        var current = ""
        var insideList = false
        func flush() {
            let decoded = decodeEntities(current)
            if insideList {
                for (index, part) in decoded.components(separatedBy: " - ").enumerated() {
                    let text = clean(part)
                    if !text.isEmpty { lines.append(index == 0 ? text : "- " + text) }
                }
            } else {
                let text = clean(decoded)
                if !text.isEmpty { lines.append(text) }
            }
            current = ""
        }
        var index = fragment.startIndex
        while index < fragment.endIndex {
            let character = fragment[index]
            if character == "<", let close = fragment[index...].prefix(2_000).firstIndex(of: ">") {
                let tag = fragment[fragment.index(after: index)..<close].lowercased()
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
                if ["p", "br", "li", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6"].contains(String(name)) {
                    flush()
                } else if name == "ul" || name == "ol" {
                    flush()
                    insideList = !ImportText.starts(tag, with: "/")
                } else if name == "td" || name == "th" {
                    current += " "
                }
                index = fragment.index(after: close)
            } else {
                current.append(character)
                index = fragment.index(after: index)
            }
        }
        flush()
        return lines
    }
}

// Byte-level searching. Every text the importer compares is NFC (readers clean it), so UTF-8
// bytes match exactly where characters do — and comparing bytes avoids the much slower
// Unicode-aware comparison of String and Foundation in the parser's inner loops.
extension ImportText {
    @inline(__always)
    static func starts<S: StringProtocol>(_ text: S, with prefix: String) -> Bool {
        text.utf8.starts(with: prefix.utf8)
    }

    /// The text after a prefix known to be there (compared by bytes).
    static func afterPrefix(_ text: String, _ prefix: String) -> Substring {
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: min(prefix.utf8.count, utf8.count))
        return text[index...]
    }

    static func ends<S: StringProtocol>(_ text: S, with suffix: String) -> Bool {
        let count = suffix.utf8.count
        guard text.utf8.count >= count else { return false }
        return text.utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    /// The byte offset of the first (or last) occurrence of `needle`.
    static func byteOffset<S: StringProtocol>(of needle: String, in text: S, fromEnd: Bool = false) -> Int? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return 0 }
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            let n = bytes.count, m = pattern.count
            guard n >= m else { return nil }
            let first = pattern[0]
            // Walked in place: an array of every position, built for each search, was half of
            // the import's time (`sujarit bench import FILE`).
            var i = fromEnd ? n - m : 0
            let step = fromEnd ? -1 : 1
            outer: while i >= 0 && i <= n - m {
                defer { i += step }
                guard bytes[i] == first else { continue }
                var j = 1
                while j < m {
                    if bytes[i + j] != pattern[j] { continue outer }
                    j += 1
                }
                return i
            }
            return nil
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(search) { return found }
        return Array(text.utf8).withUnsafeBufferPointer(search)
    }

    static func has<S: StringProtocol>(_ text: S, _ needle: String) -> Bool {
        byteOffset(of: needle, in: text) != nil
    }

    /// The range of `needle` in `text` (String indices), first or last occurrence.
    static func find(_ needle: String, in text: String, fromEnd: Bool = false) -> Range<String.Index>? {
        guard let offset = byteOffset(of: needle, in: text, fromEnd: fromEnd) else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        let end = utf8.index(start, offsetBy: needle.utf8.count)
        return start..<end
    }

    static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        guard !needle.isEmpty, has(text, needle) else { return text }
        var result = ""
        var rest = Substring(text)
        while let offset = byteOffset(of: needle, in: rest) {
            let utf8 = rest.utf8
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            result += rest[..<start]
            result += replacement
            rest = rest[utf8.index(start, offsetBy: needle.utf8.count)...]
        }
        result += rest
        return result
    }
}
