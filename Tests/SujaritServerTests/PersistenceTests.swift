import Foundation
import XCTest
import XCTVapor
import Fluent
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
@testable import SujaritServer

/// The stores against a real database (SQLite, or PostgreSQL in CI).
final class PersistenceTests: ServerTestCase {
    func testFullPlanRoundTripsExactly() async throws {
        let organization = try await makeOrganization(slug: "round-trip")
        var plan = demoPlan(for: organization)
        // Tone mark typed before the lower vowel ("ปุ่ม" as ป + ่ + ุ + ม): stored in NFC order.
        plan.items[0].remarks = "ป\u{0E48}\u{0E38}ม"
        plan.items[1].budgets[FiscalYear(2567)] = .amount(Money(satang: 1_234_567_89))
        let created = try await PlanStore(db).create(plan)
        XCTAssertEqual(created.version, 1)

        let loaded = try await PlanStore(db).plan(id: plan.id, scope: .everything)
        let stored = try XCTUnwrap(loaded)
        XCTAssertEqual(stored, created, "every field of the plan comes back as written")
        XCTAssertEqual(stored.items.first { $0.id == plan.items[0].id }?.remarks, "ป\u{0E38}\u{0E48}ม")
        XCTAssertEqual(stored.items.first { $0.id == plan.items[1].id }?.budgets[FiscalYear(2567)], .amount(Money(satang: 123_456_789)))
        XCTAssertEqual(PlanSummary(plan: stored), PlanSummary(plan: plan))
        XCTAssertEqual(stored.items.compactMap(\.sheet).count, plan.items.compactMap(\.sheet).count)
        XCTAssertEqual(stored.risks.map(\.linkedItemIDs), plan.risks.sorted { $0.order < $1.order }.map(\.linkedItemIDs))
    }

    func testSaveWithStaleVersionIsRejectedAndChangesNothing() async throws {
        let organization = try await makeOrganization(slug: "versions")
        let created = try await PlanStore(db).create(demoPlan(for: organization))

        var first = created
        first.items[0].name = "มาตรการที่แก้ไขโดยผู้ใช้คนแรก"
        let saved = try await PlanStore(db).save(first, expectedVersion: created.version)
        XCTAssertEqual(saved.version, created.version + 1)

        var second = created
        second.items[0].name = "มาตรการที่แก้ไขโดยผู้ใช้คนที่สอง"
        do {
            try await PlanStore(db).save(second, expectedVersion: created.version)
            XCTFail("a stale save must fail")
        } catch let error as StoreError {
            XCTAssertEqual(error, .conflict(currentVersion: saved.version))
        }
        let now = try await PlanStore(db).plan(id: created.id, scope: .everything)
        XCTAssertEqual(now?.items.first { $0.id == created.items[0].id }?.name, "มาตรการที่แก้ไขโดยผู้ใช้คนแรก")
        XCTAssertEqual(now?.version, saved.version)
    }

    func testFailedSaveLeavesPreviousStateIntact() async throws {
        let organization = try await makeOrganization(slug: "atomic")
        let created = try await PlanStore(db).create(demoPlan(for: organization))
        var broken = created
        broken.title = "ชื่อใหม่ที่ไม่ควรถูกบันทึก"
        // Two items with the same id violate the primary key half-way through the write.
        var duplicate = broken.items[3]
        duplicate.name = "รายการซ้ำ"
        broken.items.append(duplicate)
        do {
            try await PlanStore(db).save(broken, expectedVersion: created.version)
            XCTFail("the save must fail")
        } catch let error as StoreError {
            // A conflict or a missing plan would be refused before anything is written: that
            // would not test the rollback at all.
            XCTFail("the save must fail while writing the rows, not before: \(error)")
        } catch let error as any DatabaseError {
            XCTAssertTrue(error.isConstraintFailure, "the duplicate item id breaks the primary key: \(error)")
        }
        let after = try await PlanStore(db).plan(id: created.id, scope: .everything)
        XCTAssertEqual(after, created, "title, items and version are as before the failed save")
    }

    func testPlanCannotBeSavedIntoAnotherOrganization() async throws {
        let a = try await makeOrganization(slug: "tenant-a")
        let b = try await makeOrganization(slug: "tenant-b")
        let created = try await PlanStore(db).create(demoPlan(for: a))
        var moved = created
        moved.organizationID = b.id
        do {
            try await PlanStore(db).save(moved, expectedVersion: created.version)
            XCTFail("moving a plan to another organization must fail")
        } catch let error as StoreError {
            guard case .notFound = error else { return XCTFail("unexpected \(error)") }
        }
        let stored = try await PlanStore(db).plan(id: created.id, scope: .everything)
        XCTAssertEqual(stored?.organizationID, a.id)
    }

    func testReadScopes() async throws {
        let a = try await makeOrganization(slug: "scope-a")
        let b = try await makeOrganization(slug: "scope-b")
        let draft = try await PlanStore(db).create(demoPlan(for: a))
        let published = try await PlanStore(db).create(demoPlan(for: a, status: .published))
        let store = PlanStore(db)
        let draftForPublic = try await store.plan(id: draft.id, scope: .publishedOnly)
        let draftForB = try await store.plan(id: draft.id, scope: .member(of: [b.id]))
        let draftForA = try await store.plan(id: draft.id, scope: .member(of: [a.id]))
        let publishedForPublic = try await store.plan(id: published.id, scope: .publishedOnly)
        XCTAssertNil(draftForPublic)
        XCTAssertNil(draftForB)
        XCTAssertNotNil(draftForA)
        XCTAssertNotNil(publishedForPublic)
        let list = try await store.plans(organizationID: a.id, includeUnpublished: false)
        XCTAssertEqual(list.map(\.id), [published.id])
    }

    func testNewRevisionKeepsPublishedOneReadable() async throws {
        let organization = try await makeOrganization(slug: "revisions")
        let published = try await PlanStore(db).create(demoPlan(for: organization, status: .published))
        let draft = try await PlanStore(db).createRevision(from: published)
        XCTAssertEqual(draft.revision, published.revision + 1)
        XCTAssertEqual(draft.status, .draft)
        XCTAssertEqual(PlanSummary(plan: draft), PlanSummary(plan: published))
        let revisions = try await PlanStore(db).revisions(seriesID: published.id, organizationID: organization.id)
        XCTAssertEqual(revisions.map(\.revision), [2, 1])
        let stillPublished = try await PlanStore(db).publishedPlan(organizationID: organization.id, first: published.firstYear, last: published.lastYear)
        XCTAssertEqual(stillPublished?.id, published.id)
    }

    func testOrganizationSlugRules() async throws {
        try await makeOrganization(slug: "unique-slug")
        do {
            try await makeOrganization(slug: "unique-slug")
            XCTFail("duplicate slug must be refused")
        } catch let error as StoreError {
            XCTAssertEqual(error, .duplicate(field: "slug", value: "unique-slug"))
        }
        for bad in ["", "a", "-lead", "UPPER CASE", "ไทย", "trail-"] {
            do {
                try await makeOrganization(slug: bad)
                XCTFail("slug “\(bad)” must be refused")
            } catch let error as StoreError {
                guard case .invalid = error else { return XCTFail("unexpected \(error)") }
            }
        }
    }

    func testUserRolesAndTokens() async throws {
        let organization = try await makeOrganization(slug: "roles")
        let user = try await makeUser("officer", role: .editor, in: organization)
        let roles = try await UserStore(db).roles(userID: user.requireID())
        XCTAssertEqual(roles, [organization.id: .editor])
        try await UserStore(db).setRole(.admin, userID: user.requireID(), organizationID: organization.id)
        let changed = try await UserStore(db).roles(userID: user.requireID())
        XCTAssertEqual(changed, [organization.id: .admin])
        XCTAssertNotEqual(user.passwordHash, Self.password)
        XCTAssertTrue(try app.password.verify(Self.password, created: user.passwordHash))

        try await UserStore(db).addToken(hash: "h1", userID: user.requireID(), expiresAt: Date().addingTimeInterval(60))
        try await UserStore(db).addToken(hash: "h2", userID: user.requireID(), expiresAt: Date().addingTimeInterval(-60))
        let valid = try await UserStore(db).user(forTokenHash: "h1")
        let expired = try await UserStore(db).user(forTokenHash: "h2")
        XCTAssertEqual(valid?.id, user.id)
        XCTAssertNil(expired)
    }
}
