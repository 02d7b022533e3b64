import Foundation
import SujaritCore

/// Matches the rows of a results document (seed 002's layout) to the records a round of the
/// plan will have, by name: both names are compacted, the organization's name (as the document
/// and as the plan write it) becomes one placeholder, and names are compared by the Dice
/// similarity of adjacent characters. Each row gets at most one record and each record at most
/// one row, best pairs first; pairs below `threshold` stay unmatched for the officer to match.
public enum ResultsMatching {
    public static let threshold = 0.55

    public struct Match: Hashable, Sendable {
        public var row: Int
        public var lineageID: UUID
        public var score: Double
    }

    public static func match(_ rows: [MonitoringResultRow], to records: [MonitoringRecord],
                             documentOrganization: String, planOrganization: String) -> [Match] {
        let documentNames = NameMatcher(organizationName: documentOrganization)
        let planNames = NameMatcher(organizationName: planOrganization)
        let left = rows.map { documentNames.key(strippedKind($0.measure)) }
        let right = records.map { planNames.key(strippedKind($0.itemName)) }
        // The same number in the document and in the plan breaks ties between similar names.
        let pairs = NameMatcher.assign(left: left, right: right, threshold: threshold) { i, j in
            rows[i].number == records[j].itemNumber ? 0.01 : 0
        }
        return pairs.map { Match(row: $0.left, lineageID: records[$0.right].itemLineageID, score: $0.score) }
            .sorted { $0.row < $1.row }
    }

    /// "มาตรการ “ส่งเสริม…”" and "ส่งเสริม…" name the same item: the kind word in front says
    /// nothing about which item it is.
    static func strippedKind(_ name: String) -> String {
        var text = name.cleaned
        for word in ["มาตรการ", "โครงการ", "กิจกรรม"] where text.hasPrefix(word) {
            text = String(text.dropFirst(word.count))
            break
        }
        return text
    }

    /// What a matched row says of its item, for `MonitoringCommand.openFromResults`.
    public static func result(of row: MonitoringResultRow, index: Int) -> ReportedResult {
        ReportedResult(steps: row.steps, period: row.period, output: row.output, outcome: row.outcome,
                       source: "แถวที่ \(row.number ?? index + 1) (บรรทัด \(row.line))")
    }
}
