import Foundation

/// How organization names are compared when someone searches the directory: "อบต. บ้าน โป่ง",
/// "องค์การบริหารส่วนตำบลบ้านโป่ง" and "บ้านโป่ง" all find องค์การบริหารส่วนตำบลบ้านโป่ง.
///
/// Both are reduced to letters: NFC, lower case, only letters, combining marks and digits
/// (spaces, dots, quotes, `%`, `_` and every other sign dropped, so nothing typed can act as a
/// pattern character), Thai digits as Arabic. A query also loses the kind prefix it begins with
/// (full or abbreviated), and is then looked for anywhere in the stored name's letters.
public enum OrganizationSearch {
    /// Longest first, each in search form: a name loses at most one of these at its start.
    static let prefixes: [String] = {
        var names: [String] = OrganizationKind.allCases
            .filter { $0 != .bangkok && $0 != .pattaya }
            .flatMap { [$0.thaiName, $0.thaiAbbreviation] }
        // Common shorter forms people type.
        names += ["เทศบาล", "อบจ", "อบต", "ทต", "ทม", "ทน", "อปท"]
        return Array(Set(names.map(letters))).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }()

    /// Longest search text accepted (in characters typed).
    public static let maximumQueryLength = 200

    /// What is stored for a name: only letters, marks and digits, lower-cased, Thai digits as Arabic.
    public static func letters(_ text: String) -> String {
        let arabic = ThaiDigits.toArabic(text.precomposedStringWithCanonicalMapping.lowercased())
        var scalars = String.UnicodeScalarView()
        for scalar in arabic.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                scalars.append(scalar)
            default:
                continue
            }
        }
        return String(scalars)
    }

    /// The search form of a query (or of a name): its letters without the kind prefix, unless
    /// the prefix is all there is ("เทศบาล" alone looks for every เทศบาล…).
    public static func searchForm(_ text: String) -> String {
        let reduced = letters(text)
        let compact = String(text.precomposedStringWithCanonicalMapping.filter { !$0.isWhitespace })
        for prefix in prefixes where reduced.hasPrefix(prefix) && reduced.count > prefix.count {
            // Two-letter abbreviations could begin a real name: only with their dot ("ทต.").
            if prefix.count <= 2 && !compact.hasPrefix(prefix + ".") { continue }
            return String(reduced.dropFirst(prefix.count))
        }
        return reduced
    }

    /// A key that orders names as a Thai dictionary does at first sight: without the kind
    /// prefix, and with each leading vowel (เ แ โ ใ ไ) after the consonant it is spoken after.
    public static func sortKey(_ name: String) -> String {
        var scalars = Array(searchForm(name).unicodeScalars)
        let leading: Set<UInt32> = [0x0E40, 0x0E41, 0x0E42, 0x0E43, 0x0E44]
        var index = 0
        while index + 1 < scalars.count {
            if leading.contains(scalars[index].value), (0x0E01...0x0E2E).contains(scalars[index + 1].value) {
                scalars.swapAt(index, index + 1)
                index += 2
            } else {
                index += 1
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
