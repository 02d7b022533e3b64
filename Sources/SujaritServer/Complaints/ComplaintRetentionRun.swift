import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritVault

/// ระยะเวลาเก็บรักษาและการลบอย่างปลอดภัย — deletes closed cases past their retention period,
/// each by the one write path (`ComplaintWorkflow.decide(.purge…)` by the system, then one
/// transaction deleting the case, its messages and evidence rows with its log line), then the
/// evidence files no case refers to any more (overwritten, then unlinked). Files left behind by
/// a submission whose transaction failed are removed too once they are a day old. The log keeps
/// a line per deleted case (ids and dates only: there is nothing of the content in it).
public enum ComplaintRetentionRun {
    public struct Report: Sendable {
        /// Cases past retention (deleted when applied).
        public var cases: [ComplaintCase] = []
        public var filesRemoved = 0
        public var orphanFilesRemoved = 0
    }

    public static func run(_ app: Application, retention: ComplaintRetention, today: CalendarDay, apply: Bool,
                           now: Date? = nil) async throws -> Report {
        let now = now ?? app.dependencies.now()
        let store = app.stores.complaints
        let storage = app.complaintEvidence
        let cutoff = retention.cutoff(today: today)
        var report = Report()
        for complaint in try await store.closedCases() {
            guard (try? ComplaintWorkflow.decide(.purge(cutoff: cutoff), on: complaint, by: .system)) != nil else { continue }
            report.cases.append(complaint)
            guard apply else { continue }
            let addresses = try await store.purge(complaint, expectedVersion: complaint.version, log: ComplaintLogEntry(
                organizationID: complaint.organizationID, caseID: complaint.id, actor: "system", action: .purge,
                detail: "closed \(complaint.closedOn?.iso ?? "?"), retention \(retention.yearsAfterClosure) years",
                occurred: ISO8601DateFormatter().string(from: now)))
            for address in addresses {
                try storage.remove(address)
                report.filesRemoved += 1
            }
        }
        guard apply else { return report }
        let referenced = try await store.evidenceAddresses()
        for address in storage.addresses() where !referenced.contains(address) {
            let path = storage.directory.appendingPathComponent(String(address.prefix(2))).appendingPathComponent(address).path
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? now
            guard now.timeIntervalSince(modified) > 24 * 3600 else { continue }
            try storage.remove(address)
            report.orphanFilesRemoved += 1
        }
        return report
    }
}
