import Foundation

/// เลขไทย — conversion between Thai digits (๐–๙) and Arabic digits (0–9).
public enum ThaiDigits {
    private static let thaiZero: UInt32 = 0x0E50
    private static let arabicZero: UInt32 = 0x30

    /// Replaces every Thai digit with its Arabic digit; everything else is kept.
    public static func toArabic(_ text: String) -> String {
        map(text, from: thaiZero, to: arabicZero)
    }

    /// Replaces every Arabic digit with its Thai digit; everything else is kept.
    public static func toThai(_ text: String) -> String {
        map(text, from: arabicZero, to: thaiZero)
    }

    /// The text with digits in the given style.
    public static func apply(_ style: DigitStyle, to text: String) -> String {
        style == .thai ? toThai(text) : toArabic(text)
    }

    /// Whether the text contains at least one Thai digit.
    public static func containsThaiDigit(_ text: String) -> Bool {
        text.unicodeScalars.contains { (thaiZero...thaiZero + 9).contains($0.value) }
    }

    private static func map(_ text: String, from: UInt32, to: UInt32) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.value >= from, scalar.value <= from + 9, let mapped = Unicode.Scalar(scalar.value - from + to) {
                scalars.append(mapped)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
