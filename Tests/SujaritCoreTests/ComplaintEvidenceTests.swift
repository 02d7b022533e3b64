import Foundation
import XCTest
@testable import SujaritCore

/// Minimal files of each kind, built by hand (no fixtures needed).
enum SampleFiles {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [UInt8](repeating: 7, count: 64)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 1, count: 64)
    static let pdf: [UInt8] = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
    static let windowsProgram: [UInt8] = Array("MZ".utf8) + [0x90, 0x00, 0x03] + [UInt8](repeating: 0, count: 64)
    static let linuxProgram: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01] + [UInt8](repeating: 0, count: 64)

    /// A ZIP with the given entries stored (no compression), the way OOXML packages start.
    static func zip(_ names: [String], dataDescriptor: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        for name in names {
            let content = Array("<xml/>".utf8)
            let nameBytes = Array(name.utf8)
            out += [0x50, 0x4B, 0x03, 0x04] + u16(20) + u16(dataDescriptor ? 0x08 : 0) + u16(0) + u16(0) + u16(0) + u32(0)
            out += u32(dataDescriptor ? 0 : content.count) + u32(dataDescriptor ? 0 : content.count) + u16(nameBytes.count) + u16(0)
            out += nameBytes + content
            if dataDescriptor { out += [0x50, 0x4B, 0x07, 0x08] + u32(0) + u32(content.count) + u32(content.count) }
        }
        out += [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        return out
    }

    static let docx = zip(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])
}

final class EvidenceFileCheckTests: XCTestCase {
    func testKindsByContent() throws {
        XCTAssertEqual(try EvidenceFileCheck.check(SampleFiles.jpeg, name: "photo.png"), .jpeg, "the content decides, not the name")
        XCTAssertEqual(try EvidenceFileCheck.check(SampleFiles.png, name: "x"), .png)
        XCTAssertEqual(try EvidenceFileCheck.check(SampleFiles.pdf, name: "a.pdf"), .pdf)
        XCTAssertEqual(try EvidenceFileCheck.check(SampleFiles.docx, name: "บันทึก.docx"), .docx)
        XCTAssertEqual(try EvidenceFileCheck.check(SampleFiles.zip(["[Content_Types].xml", "word/document.xml"], dataDescriptor: true), name: "d"), .docx)
        XCTAssertEqual(try EvidenceFileCheck.check(SampleFiles.zip(["[Content_Types].xml", "xl/workbook.xml"]), name: "b"), .xlsx)
        XCTAssertEqual(try EvidenceFileCheck.check(Array("ใบเสร็จเลขที่ 123\nจำนวน 5,000 บาท\n".utf8), name: "note.txt"), .text)
    }

    func testProgramsAndUnknownFilesAreRefused() {
        for (bytes, name) in [(SampleFiles.windowsProgram, "ใบเสร็จ.pdf"), (SampleFiles.linuxProgram, "photo.jpg"),
                              (Array("#!/bin/sh\nrm -rf /\n".utf8), "readme.txt")] {
            XCTAssertThrowsError(try EvidenceFileCheck.check(bytes, name: name)) { error in
                let message = (error as? EvidenceFileCheck.Refusal)?.message.th ?? ""
                XCTAssertTrue(message.contains("โปรแกรม") && message.contains(name), message)
            }
        }
        // A ZIP that is not an Office document, a macro-enabled document, binary noise, nothing.
        for bytes in [SampleFiles.zip(["a.exe"]), SampleFiles.zip(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]),
                      [0x00, 0x01, 0x02, 0xFE, 0x80, 0x81], []] {
            XCTAssertThrowsError(try EvidenceFileCheck.check(bytes, name: "x.docx"))
        }
        let big = [UInt8](repeating: 0x41, count: EvidenceFileCheck.maximumFileSize + 1)
        XCTAssertThrowsError(try EvidenceFileCheck.check(big, name: "big.txt")) {
            XCTAssertTrue(($0 as? EvidenceFileCheck.Refusal)?.message.th.contains("MB") ?? false)
        }
    }

    func testSafeNames() {
        XCTAssertEqual(EvidenceFileCheck.safeName("C:\\Users\\somchai\\ใบเสร็จ.pdf", kind: .pdf), "ใบเสร็จ.pdf")
        XCTAssertEqual(EvidenceFileCheck.safeName("../../etc/passwd", kind: .text), "passwd.txt")
        XCTAssertEqual(EvidenceFileCheck.safeName("run.exe", kind: .jpeg), "run.exe.jpg", "the detected kind's extension is added")
        XCTAssertEqual(EvidenceFileCheck.safeName("a\"b\u{0}\n.png", kind: .png), "ab.png")
        XCTAssertEqual(EvidenceFileCheck.safeName("", kind: .pdf), "หลักฐาน.pdf")
        XCTAssertEqual(EvidenceFileCheck.safeName(".bashrc", kind: .text), "หลักฐาน.bashrc.txt")
    }
}

final class ComplaintAcknowledgementDeadlineTests: XCTestCase {
    let friday = CalendarDay(year: 2025, month: 1, day: 10)

    func testSettingsDecision() throws {
        XCTAssertEqual(try ComplaintDeadlinePolicy.decide(days: "๑๐", acknowledgeDays: " 2 ", workingDaysOnly: true).get(),
                       ComplaintDeadlinePolicy(days: 10, acknowledgeDays: 2, workingDaysOnly: true))
        guard case .failure(let problems) = ComplaintDeadlinePolicy.decide(days: "0", acknowledgeDays: "abc", workingDaysOnly: false) else {
            return XCTFail("0 and abc are refused")
        }
        XCTAssertEqual(Set(problems.byField.keys), ["days", "acknowledgeDays"])
        guard case .failure(let late) = ComplaintDeadlinePolicy.decide(days: "5", acknowledgeDays: "7", workingDaysOnly: false) else {
            return XCTFail("acknowledging after the answer is refused")
        }
        XCTAssertEqual(Array(late.byField.keys), ["acknowledgeDays"])
        XCTAssertNotNil(try? ComplaintDeadlinePolicy.decide(days: "365", acknowledgeDays: "365", workingDaysOnly: false).get())
        if case .success = ComplaintDeadlinePolicy.decide(days: "366", acknowledgeDays: "1", workingDaysOnly: false) { XCTFail("366 days") }
    }

    func testAcknowledgementAcrossAWeekend() {
        let calendar = ComplaintDeadlinePolicy(days: 15, acknowledgeDays: 3)
        let working = ComplaintDeadlinePolicy(days: 15, acknowledgeDays: 3, workingDaysOnly: true)
        // Friday + 3 calendar days = Monday; + 3 working days = Wednesday.
        XCTAssertEqual(calendar.acknowledgeBy(receivedOn: friday), CalendarDay(year: 2025, month: 1, day: 13))
        XCTAssertEqual(working.acknowledgeBy(receivedOn: friday), CalendarDay(year: 2025, month: 1, day: 15))
        XCTAssertEqual(working.due(receivedOn: friday), CalendarDay(year: 2025, month: 1, day: 31))
    }

    func testReminders() {
        let policy = ComplaintDeadlinePolicy(days: 15, acknowledgeDays: 3)
        let org = UUID()
        func make(_ received: CalendarDay, _ status: ComplaintStatus) -> ComplaintCase {
            ComplaintCase(organizationID: org, status: status, receivedOn: received, dueOn: policy.due(receivedOn: received),
                          acknowledgeBy: policy.acknowledgeBy(receivedOn: received))
        }
        let today = CalendarDay(year: 2025, month: 2, day: 1)
        let late = make(CalendarDay(year: 2025, month: 1, day: 6), .screening)           // due 21 Jan: 11 days late
        let unacknowledged = make(CalendarDay(year: 2025, month: 1, day: 25), .received) // acknowledge by 28 Jan
        let acknowledged = make(CalendarDay(year: 2025, month: 1, day: 25), .acknowledged)
        let soon = make(CalendarDay(year: 2025, month: 1, day: 18), .investigating)      // due 2 Feb
        let closedLate = make(CalendarDay(year: 2024, month: 12, day: 1), .closed)
        let referred = make(CalendarDay(year: 2024, month: 12, day: 1), .referred)
        let reminders = ComplaintReminder.list([late, unacknowledged, acknowledged, soon, closedLate, referred], today: today)
        XCTAssertEqual(reminders.map(\.caseID), [late.id, unacknowledged.id, soon.id])
        XCTAssertEqual(reminders.map(\.kind), [.answerOverdue, .acknowledgementOverdue, .dueSoon])
        XCTAssertEqual(reminders.map(\.daysLate), [11, 4, -1])
        XCTAssertEqual(ComplaintReminder.list([late], today: CalendarDay(year: 2025, month: 1, day: 21)).map(\.kind), [.dueSoon],
                       "due today is not late yet")
    }
}

final class ComplaintStoredDeadlineTests: XCTestCase {
    /// A case keeps the deadlines of the day it came in: the reminders read them from the case,
    /// not from whatever the settings say later.
    func testDeadlinesAreFixedWhenReceived() {
        let friday = CalendarDay(year: 2025, month: 1, day: 10)
        let working = ComplaintDeadlinePolicy(days: 15, acknowledgeDays: 3, workingDaysOnly: true)
        let complaint = ComplaintCase.received(id: UUID(), organizationID: UUID(), kind: .corruption, channel: .online, on: friday,
                                               policy: working, concernsExecutive: false)
        XCTAssertEqual(complaint.acknowledgeBy, CalendarDay(year: 2025, month: 1, day: 15))
        XCTAssertEqual(complaint.dueOn, CalendarDay(year: 2025, month: 1, day: 31))
        // On 14 January (calendar days would say acknowledgement was due on the 13th) nothing is late.
        XCTAssertEqual(ComplaintReminder.list([complaint], today: CalendarDay(year: 2025, month: 1, day: 14)), [])
        XCTAssertEqual(ComplaintReminder.list([complaint], today: CalendarDay(year: 2025, month: 1, day: 16)).map(\.kind), [.acknowledgementOverdue])
    }
}

final class ComplaintKindAndRetentionTests: XCTestCase {
    let officer = UUID()
    let day = CalendarDay(year: 2025, month: 1, day: 6)

    func testGeneralMovesToCorruptionNeverBack() throws {
        let general = ComplaintCase(organizationID: UUID(), kind: .general, receivedOn: day, dueOn: day.adding(days: 15), acknowledgeBy: day.adding(days: 3))
        let moved = try ComplaintWorkflow.decide(.moveToCorruption, on: general, by: .officer(officer))
        XCTAssertEqual(moved.kind, .corruption)
        XCTAssertEqual(moved.version, general.version + 1)
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.moveToCorruption, on: moved, by: .officer(officer))) {
            XCTAssertEqual(($0 as? ComplaintRuleError)?.kind, .wrongState)
        }
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.moveToCorruption, on: general, by: .reporter))
        var recused = general
        recused.recused = [officer]
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.moveToCorruption, on: recused, by: .officer(officer)))
    }

    func testClosingIsDatedAndRetentionDeletesOnlyOldClosedCases() throws {
        var complaint = ComplaintCase(organizationID: UUID(), status: .concluded, outcome: .unsubstantiated, receivedOn: day, dueOn: day.adding(days: 15), acknowledgeBy: day.adding(days: 3))
        complaint = try ComplaintWorkflow.decide(.close, on: complaint, by: .officer(officer), today: CalendarDay(year: 2025, month: 2, day: 1))
        XCTAssertEqual(complaint.closedOn, CalendarDay(year: 2025, month: 2, day: 1))
        let retention = ComplaintRetention(yearsAfterClosure: 10)
        XCTAssertEqual(retention.cutoff(today: CalendarDay(year: 2035, month: 2, day: 2)), CalendarDay(year: 2025, month: 2, day: 2))
        XCTAssertNoThrow(try ComplaintWorkflow.decide(.purge(cutoff: retention.cutoff(today: CalendarDay(year: 2035, month: 2, day: 2))),
                                                      on: complaint, by: .system))
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.purge(cutoff: retention.cutoff(today: CalendarDay(year: 2035, month: 2, day: 1))),
                                                          on: complaint, by: .system), "closed exactly 10 years ago: kept one more day")
        let farFuture = CalendarDay(year: 2100, month: 1, day: 1)
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.purge(cutoff: farFuture), on: complaint, by: .officer(officer))) {
            XCTAssertEqual(($0 as? ComplaintRuleError)?.kind, .notAllowed, "officers never delete")
        }
        let open = ComplaintCase(organizationID: UUID(), status: .investigating, receivedOn: day, dueOn: day.adding(days: 15), acknowledgeBy: day.adding(days: 3))
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.purge(cutoff: farFuture), on: open, by: .system), "open cases are never deleted")
        XCTAssertThrowsError(try ComplaintWorkflow.decide(.acknowledge, on: open, by: .system))
        XCTAssertEqual(ComplaintRetention(yearsAfterClosure: 0).yearsAfterClosure, 1)
    }
}
