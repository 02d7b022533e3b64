import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritDemo
import SujaritPersistence

/// Loads the demo's 6-month round of 2568, filled and approved, through the same decisions and
/// single write path as officers' forms (open → each record → approve).
enum DemoMonitoringSetup {
    static func load(on db: any Database, plan: Plan, seriesID: UUID) async throws {
        let store = MonitoringStore(db)
        var context = MonitoringContext(plan: plan, planSeriesID: seriesID, existingRounds: [], role: .admin)
        var decision = try MonitoringWorkflow.decide(.open(year: DemoMonitoring.fiscalYear, kind: DemoMonitoring.kind),
                                                     round: nil, expectedVersion: nil, context: context)
        var round = try await store.apply(decision, userID: nil)
        context.existingRounds = [round]
        for record in round.records {
            decision = try MonitoringWorkflow.decide(.editRecord(recordID: record.id, DemoMonitoring.input(for: record)),
                                                     round: round, expectedVersion: round.version, context: context)
            round = try await store.apply(decision, userID: nil)
        }
        decision = try MonitoringWorkflow.decide(.approve, round: round, expectedVersion: round.version, context: context)
        try await store.apply(decision, userID: nil)
    }
}
