import Foundation
import FluentKit
import FluentSQL
import SujaritCore

/// The small reads behind the public cache's pointers: which revision a public address serves,
/// and which monitoring round its page shows. Each is one indexed query that reads no plan rows.
extension PlanStore {
    /// The revision `/o/{slug}/plan/{years}` serves (as `publishedPlanID` chooses it) and its
    /// plan series.
    public func servedRevision(organizationID: UUID, first: FiscalYear, last: FiscalYear) async throws -> (id: UUID, seriesID: UUID)? {
        guard let record = try await publishedRecord(organizationID: organizationID, first: first, last: last) else { return nil }
        return (try record.requireID(), record.seriesID)
    }
}

extension MonitoringStore {
    /// The latest approved round of a plan series — the latest fiscal year, the 12-month round
    /// before the 6-month one — by id and version, without its records.
    public func latestApprovedRound(seriesID: UUID, organizationID: UUID) async throws -> (id: UUID, version: Int)? {
        let rows = try await MonitoringRoundRecord.query(on: database)
            .filter(\.$seriesID == seriesID).filter(\.$organizationID == organizationID)
            .filter(\.$status == MonitoringRoundStatus.approved.rawValue)
            .field(\.$id).field(\.$fiscalYear).field(\.$kind).field(\.$version)
            .all()
        let latest = rows.max { a, b in
            (a.fiscalYear, a.kind == MonitoringRoundKind.twelveMonths.rawValue ? 1 : 0)
                < (b.fiscalYear, b.kind == MonitoringRoundKind.twelveMonths.rawValue ? 1 : 0)
        }
        guard let latest else { return nil }
        return (try latest.requireID(), latest.version)
    }
}
