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

    /// Trimmed of spaces and newlines at both ends, and in NFC.
    public var cleaned: String { trimmingCharacters(in: .whitespacesAndNewlines).nfc }
}
