import Foundation
import SujaritCore
@testable import SujaritExport
import XCTest
import SujaritDemo

final class PDFConverterTests: XCTestCase {
    /// LibreOffice is installed by `.ci/run`; on a developer machine without it the test skips,
    /// in CI it must run.
    func converter() throws -> PDFConverter {
        if let converter = PDFConverter.locate(timeout: 180) { return converter }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("LibreOffice (soffice) must be installed in CI")
        }
        throw XCTSkip("LibreOffice is not installed")
    }

    func testLibreOfficeConvertsTheDemoDocumentAndWorkbook() throws {
        let converter = try converter()
        let context = ExportFixtures.context()
        let plan = DemoData.plan()
        let pdf = try converter.convert(PlanExporter.docx(plan, context: context), fileExtension: "docx")
        XCTAssertTrue(pdf.starts(with: Array("%PDF".utf8)))
        ExportFixtures.keep(pdf, as: "demo-plan.pdf")
        // A plan of 17 sheets is tens of pages; a broken document converts to one or two.
        let pages = String(decoding: pdf, as: UTF8.self).components(separatedBy: "/Type /Page\n").count
            + String(decoding: pdf, as: UTF8.self).components(separatedBy: "/Type/Page/").count - 2
        XCTAssertGreaterThan(max(pages, pdf.count / 20_000), 5, "the PDF has the whole document")
        let workbook = try converter.convert(PlanExporter.xlsx(plan, context: context), fileExtension: "xlsx")
        XCTAssertTrue(workbook.starts(with: Array("%PDF".utf8)))
    }

    func testMissingLibreOfficeIsAClearError() {
        let converter = PDFConverter(executable: URL(fileURLWithPath: "/nonexistent/soffice"))
        XCTAssertThrowsError(try converter.convert(Data("x".utf8))) { error in
            XCTAssertEqual(error as? PDFConversionError, .notInstalled)
            XCTAssertTrue((error as? PDFConversionError)?.message.contains("apt-get install") ?? false)
        }
        XCTAssertNil(PDFConverter.locate(environment: ["SUJARIT_SOFFICE": "/nonexistent/soffice"]))
        XCTAssertNil(PDFConverter.locate(environment: ["PATH": "/nonexistent"]).flatMap { FileManager.default.fileExists(atPath: $0.executable.path) ? nil : $0 })
    }

    func testAHangingConverterIsStoppedAtItsTimeout() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-hang-\(UUID().uuidString).sh")
        try "#!/bin/sh\nsleep 30\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }
        let started = Date()
        XCTAssertThrowsError(try PDFConverter(executable: script, timeout: 1).convert(Data("x".utf8))) { error in
            XCTAssertEqual(error as? PDFConversionError, .timedOut(seconds: 1))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "stopped, not waited out")
    }

    func testAConverterThatMakesNoPDFFails() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-fail-\(UUID().uuidString).sh")
        try "#!/bin/sh\necho cannot convert >&2\nexit 3\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }
        XCTAssertThrowsError(try PDFConverter(executable: script, timeout: 10).convert(Data("x".utf8))) { error in
            guard case .failed(let status, let output)? = error as? PDFConversionError else { return XCTFail("\(error)") }
            XCTAssertEqual(status, 3)
            XCTAssertTrue(output.contains("cannot convert"))
        }
    }
}
