import Foundation

/// A short text in Thai and English. Thai is the language of record; English is offered beside it.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var th: String
    public var en: String

    public init(th: String, en: String) {
        self.th = th
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .thai ? th : en
    }
}

/// The two languages of the user interface.
public enum Language: String, Sendable, Codable, CaseIterable {
    case thai = "th"
    case english = "en"
}

extension String {
    /// The string in Unicode Normalization Form C, the form every stored text is kept in.
    public var nfc: String { precomposedStringWithCanonicalMapping }

    /// Trimmed of spaces and newlines at both ends, in NFC, without the invisible bidirectional
    /// controls (U+200E/F, U+202A–U+202E, U+2066–U+2069) that can make a name display as
    /// something else ("‮gpj.exe"); Thai and English text never needs them.
    public var cleaned: String {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.unicodeScalars.contains(where: String.isBidiControl) else { return trimmed.nfc }
        return String(String.UnicodeScalarView(trimmed.unicodeScalars.filter { !String.isBidiControl($0) }))
            .trimmingCharacters(in: .whitespacesAndNewlines).nfc
    }

    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
