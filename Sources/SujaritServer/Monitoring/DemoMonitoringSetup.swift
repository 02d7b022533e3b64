import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritDemo
import SujaritPersistence

/// Loads the demo's 6-month round of 2568, filled and approved, through the same decisions and
/// single write path as officers' forms (open → each record → approve), acted by the operator.
enum DemoMonitoringSetup {
    static func load(on db: any Database, plan: Plan, seriesID: UUID, dependencies: SujaritDependencies) async throws {
        let store = Stores(database: db).monitoring
        var state = MonitoringState(organizationID: plan.organizationID, plan: plan, planSeriesID: seriesID)
        var decision = try MonitoringWorkflow.decide(.open(year: DemoMonitoring.fiscalYear, kind: DemoMonitoring.kind), by: .system,
                                                     on: state, expectedVersion: nil, context: dependencies.decisionContext)
        var round = try await store.apply(decision)
        for record in round.records {
            state.round = round
            decision = try MonitoringWorkflow.decide(.editRecord(recordID: record.id, DemoMonitoring.input(for: record)), by: .system,
                                                     on: state, expectedVersion: round.version, context: dependencies.decisionContext)
            round = try await store.apply(decision)
        }
        state.round = round
        decision = try MonitoringWorkflow.decide(.approve, by: .system, on: state, expectedVersion: round.version,
                                                 context: dependencies.decisionContext)
        try await store.apply(decision)
    }
}
