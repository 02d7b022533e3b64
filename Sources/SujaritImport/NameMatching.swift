import Foundation

/// Compares names written slightly differently in different parts of a document (or by
/// different organizations): "…ของระบุชื่อองค์กรปกครองส่วนท้องถิ่น" in the table against
/// "…ขององค์การบริหารส่วนตำบลบ้านโป่ง" on the sheet, curly against straight quotes, a space more
/// or less.
struct NameMatcher {
    /// Template placeholders and generic names that stand for "this organization".
    static let organizationStandIns = [
        "ระบุชื่อองค์กรปกครองส่วนท้องถิ่น", "ระบุงค์องค์กรปกครองส่วนท้องถิ่น", "ระบุชื่ออปท", "ระบุชื่อหน่วยงาน",
        "องค์กรปกครองส่วนท้องถิ่น", "องค์การปกครองส่วนท้องถิ่น", "ระบุชื่อ",
    ]

    let organizationForms: [String]

    init(organizationName: String) {
        var forms: [String] = []
        let compactName = ImportText.compact(organizationName)
        if !compactName.isEmpty { forms.append(compactName) }
        for standIn in Self.organizationStandIns { forms.append(ImportText.compact(standIn)) }
        // Longest first, so that a placeholder is replaced whole before a shorter generic term.
        organizationForms = forms.sorted { $0.count > $1.count }
    }

    /// The comparable form of a name: compact, every stand-in for the organization written "§".
    func key(_ name: String) -> String {
        var text = ImportText.compact(name)
        for form in organizationForms where ImportText.has(text, form) {
            text = ImportText.replacing(form, with: "§", in: text)
        }
        return ImportText.replacing("ของ§", with: "§", in: text)
    }

    /// Similarity of two keys from 0 to 1 (Dice coefficient over pairs of adjacent characters).
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        return dice(bigrams(a), bigrams(b))
    }

    static func dice(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var i = 0, j = 0, common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                common += 1; i += 1; j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(2 * common) / Double(x.count + y.count)
    }

    static func bigrams(_ text: String) -> [UInt64] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2 else { return scalars.map { UInt64($0.value) } }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(scalars.count - 1)
        for index in 0..<(scalars.count - 1) {
            pairs.append(UInt64(scalars[index].value) << 32 | UInt64(scalars[index + 1].value))
        }
        pairs.sort()
        return pairs
    }

    /// Pairs each left element with at most one right element, best matches first, keeping only
    /// pairs at or above `threshold`. `bonus` adds to a pair's score (e.g. same mission).
    static func assign(left: [String], right: [String], threshold: Double,
                       bonus: (Int, Int) -> Double = { _, _ in 0 }) -> [(left: Int, right: Int, score: Double)] {
        var candidates: [(Int, Int, Double, Double)] = []
        let leftPairs = left.map(bigrams)
        let rightPairs = right.map(bigrams)
        for i in left.indices {
            for j in right.indices {
                let score = left[i] == right[j] ? (left[i].isEmpty ? 0 : 1) : dice(leftPairs[i], rightPairs[j])
                if score >= threshold { candidates.append((i, j, score, score + bonus(i, j))) }
            }
        }
        candidates.sort { ($0.3, -$0.0, -$0.1) > ($1.3, -$1.0, -$1.1) }
        var usedLeft = Set<Int>(), usedRight = Set<Int>()
        var result: [(left: Int, right: Int, score: Double)] = []
        for (i, j, score, _) in candidates where !usedLeft.contains(i) && !usedRight.contains(j) {
            usedLeft.insert(i)
            usedRight.insert(j)
            result.append((i, j, score))
        }
        return result.sorted { $0.left < $1.left }
    }
}
