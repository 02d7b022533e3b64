import Foundation
import XCTest
import XCTVapor
import FluentKit
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritDemo
@testable import SujaritServer

/// The nation-sized generator (`NationData`) and its loader (`NationLoader`), on a small count.
final class NationDataTests: ServerTestCase {
    func testGeneratedOrganizationsArePlausibleAndRepeatable() {
        XCTAssertEqual(NationData.provinces.count, 76)
        XCTAssertEqual(Set(NationData.provinces).count, 76)
        let organizations = NationData.organizations(count: 400)
        XCTAssertEqual(organizations.map(\.id), NationData.organizations(count: 400).map(\.id), "the same seed, the same data")
        XCTAssertEqual(Set(organizations.map(\.slug)).count, 400)
        XCTAssertTrue(organizations.allSatisfy { Organization.isValidSlug($0.slug) })
        // Every province has its อบจ.; most are อบต.
        let provincial = organizations.filter { $0.kind == .provincial }
        XCTAssertEqual(Set(provincial.map(\.province)).count, 76)
        XCTAssertGreaterThan(organizations.filter { $0.kind == .subdistrict }.count, 200)
        for organization in organizations {
            XCTAssertEqual(OrganizationKind.recognize(inName: organization.name), organization.kind, organization.name)
        }
    }

    func testLoaderWritesPlansThroughTheStoresAndCanRunAgain() async throws {
        let count = 90
        // On PostgreSQL four organizations at a time, as `sujarit demo --scale nation` does there.
        let first = try await NationLoader(db).load(count: count, parallel: Self.databaseSetting.isPostgres ? 4 : 1)
        XCTAssertEqual(first.written, count)
        XCTAssertGreaterThan(first.rounds, 0, "some organizations reported a round")
        let stored = try await OrganizationRecord.query(on: db).count()
        XCTAssertEqual(stored, count)

        let entries = NationData.entries(count: count)
        let plans = PlanStore(db)
        var drafts = 0, revised = 0, none = 0
        for entry in entries {
            let list = try await plans.plans(organizationID: entry.organization.id, includeUnpublished: true)
            XCTAssertEqual(list.count, entry.revisions.count, entry.organization.slug)
            if entry.revisions.isEmpty { none += 1; continue }
            if entry.revisions.last?.status == .draft { drafts += 1 }
            if entry.revisions.filter({ $0.status == .published }).count > 1 { revised += 1 }
            // Every revision reads back as generated: 20–40 items, budgets within the plan years.
            for revision in entry.revisions {
                let read = try await plans.plan(id: revision.id, scope: .everything)
                let plan = try XCTUnwrap(read)
                XCTAssertTrue((20...40).contains(plan.items.count), "\(plan.items.count) items")
                XCTAssertEqual(plan.items.map(\.name), revision.normalized().items.map(\.name))
                XCTAssertEqual(PlanSummary(plan: plan).total, PlanSummary(plan: revision.normalized()).total)
                XCTAssertEqual(plan.status, revision.status)
            }
            // The public address serves the latest published revision.
            if let latest = entry.revisions.last(where: { $0.status == .published }) {
                let served = try await plans.publishedPlanID(organizationID: entry.organization.id, first: FiscalYear(2566), last: FiscalYear(2570))
                XCTAssertEqual(served, latest.id)
            }
        }
        XCTAssertGreaterThan(drafts, 0, "some drafts")
        XCTAssertGreaterThan(revised, 0, "some published twice")
        XCTAssertGreaterThan(none, 0, "some without a plan")

        // Again: everything is there already, nothing is written twice.
        let second = try await NationLoader(db).load(count: count)
        XCTAssertEqual(second.written, 0)
        XCTAssertEqual(second.skipped, count)
        let again = try await OrganizationRecord.query(on: db).count()
        XCTAssertEqual(again, count)

        // The directory finds them by province.
        let province = NationData.provinces[0]
        let page = try await OrganizationStore(db).directory(DirectoryQuery(province: province))
        XCTAssertEqual(page.total, entries.filter { $0.organization.province == province }.count)
    }
}
