import Foundation
import SujaritCore

/// Why a store operation did not happen. Nothing is written when one of these is thrown.
public enum StoreError: Error, Equatable, Sendable {
    case notFound(String)
    /// Someone else saved the record first; `currentVersion` is what is stored now.
    case conflict(currentVersion: Int)
    case duplicate(field: String, value: String)
    /// The operation is not allowed in the record's present state (e.g. editing a published plan).
    case notAllowed(LocalizedText)
    case invalid(LocalizedText)
    case corrupt(String)
    /// The database stayed locked by other writers for longer than the busy timeout (SQLite).
    case busy
    /// A plan series already has a revision after the one to be revised (at most one draft
    /// revision per series): `id`, `revision` and `status` of that latest revision.
    case newerRevision(id: UUID, revision: Int, status: PlanStatus)
    /// The organization's years already belong to another plan series (one series per
    /// organization and period): `id`, `revision` and `status` of that series' latest revision.
    case periodTaken(id: UUID, revision: Int, status: PlanStatus)

    public var message: LocalizedText {
        switch self {
        case .notFound(let what):
            LocalizedText(th: "ไม่พบ\(what)", en: "Not found: \(what)")
        case .conflict(let current):
            LocalizedText(
                th: "มีผู้อื่นบันทึกการแก้ไขแผนนี้ก่อนแล้ว (ฉบับแก้ไขที่ \(current)) กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง",
                en: "Someone else saved this plan first (version \(current)); reload it and make your change again")
        case .duplicate(let field, let value):
            LocalizedText(th: "“\(value)” มีอยู่แล้ว (\(field))", en: "“\(value)” already exists (\(field))")
        case .notAllowed(let text), .invalid(let text):
            text
        case .corrupt(let detail):
            LocalizedText(th: "ข้อมูลในฐานข้อมูลเสียหาย: \(detail)", en: "Stored data is corrupt: \(detail)")
        case .busy:
            LocalizedText(
                th: "ระบบกำลังบันทึกข้อมูลอื่นอยู่ กรุณาลองใหม่อีกครั้งในอีกสักครู่",
                en: "The database is busy with other changes; please try again in a moment")
        case .periodTaken(_, let revision, let status):
            LocalizedText(
                th: "องค์กรนี้มีแผนสำหรับช่วงปีนี้อยู่แล้ว (ฉบับที่ \(revision) · \(status.thaiName)) แผนแต่ละช่วงปีมีได้ชุดเดียว จึงไม่ได้สร้างแผนใหม่",
                en: "This organization already has a plan for these years (revision \(revision), \(status.englishName.lowercased())); there is one plan per period, so no new plan was created")
        case .newerRevision(_, let revision, let status):
            status == .published
                ? LocalizedText(
                    th: "มีฉบับแก้ไขที่ใหม่กว่าอยู่แล้ว (ฉบับที่ \(revision)) ให้แก้ไขจากฉบับนั้น",
                    en: "A newer revision already exists (revision \(revision)); revise that one")
                : LocalizedText(
                    th: "มีฉบับแก้ไขที่ยังไม่เผยแพร่อยู่แล้ว (ฉบับที่ \(revision), \(status.thaiName)) ให้แก้ไขต่อในฉบับนั้น",
                    en: "A revision that is not yet published already exists (revision \(revision), \(status.englishName.lowercased())); continue with that one")
        }
    }
}
