import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// PDF input: text through `pdftotext -layout`, and a clear message for every PDF that cannot
/// be read (tool missing, image scan, encrypted, too slow).
final class PDFImportTests: XCTestCase {
    static func which(_ name: String, variable: String? = nil) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let variable, let configured = environment[variable], FileManager.default.isExecutableFile(atPath: configured) {
            return URL(fileURLWithPath: configured)
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/Applications/LibreOffice.app/Contents/MacOS"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func run(_ tool: URL, _ arguments: [String], timeout: TimeInterval) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            throw XCTSkip("\(tool.lastPathComponent) did not finish within \(Int(timeout)) s")
        }
    }

    /// A DOCX converted by LibreOffice; skips when LibreOffice is not installed.
    static func pdf(fromDocx docx: Data, filter: String = "pdf") throws -> Data {
        guard let soffice = which("soffice", variable: "SUJARIT_SOFFICE") ?? which("libreoffice") else {
            throw XCTSkip("LibreOffice (soffice) is not installed")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-pdf-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("plan.docx")
        try docx.write(to: input)
        try run(soffice, ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--norestore", "--convert-to", filter,
                          "--outdir", folder.path, input.path], timeout: 240)
        let output = folder.appendingPathComponent("plan.pdf")
        guard let data = try? Data(contentsOf: output) else { throw XCTSkip("LibreOffice made no PDF") }
        return data
    }

    func requirePdftotext() throws {
        if PDFTextExtractor.toolURL() == nil { throw XCTSkip("pdftotext (poppler-utils) is not installed") }
    }

    func testDetectsPDFByContent() {
        XCTAssertEqual(DocumentImporter.detectFormat(Data("%PDF-1.7\n…".utf8)), .pdf)
        XCTAssertEqual(DocumentImporter.detectFormat(Data("ข้อความ %PDF".utf8)), .text)
    }

    /// The synthetic plan, as Word, as PDF: the same items, dimensions, budgets and sheets as
    /// its text.
    func testPlanAsPDFImportsLikeItsText() throws {
        try requirePdftotext()
        let text = SyntheticPlanDocument.text(itemCount: 8)
        let expected = try DocumentImporter.importDocument(Data(text.utf8), fileName: "plan.txt")
        let pdf = try Self.pdf(fromDocx: try FixtureWriter.docx(PlainTextReader.read(text), laidOut: true))
        XCTAssertTrue(PDFTextExtractor.isPDF(pdf))
        let result = try DocumentImporter.importDocument(pdf, fileName: "plan.pdf")
        if let path = ProcessInfo.processInfo.environment["SUJARIT_DUMP_PDF_TEXT"] {
            try? PDFTextExtractor.extractText(pdf).write(toFile: path, atomically: true, encoding: .utf8)
            try? pdf.write(to: URL(fileURLWithPath: path + ".pdf"))
        }
        XCTAssertEqual(result.format, .pdf)
        XCTAssertEqual(result.organization.name, expected.organization.name)
        XCTAssertEqual(result.plan.firstYear, expected.plan.firstYear)
        XCTAssertEqual(result.plan.lastYear, expected.plan.lastYear)
        // The project sheets (running text) come through whole.
        XCTAssertEqual(result.sheets.map(\.sheetNumber), expected.sheets.map(\.sheetNumber))
        XCTAssertEqual(result.sheets.map { VariationTests.key($0.name, ignoringSaraAm: false) }, expected.sheets.map { VariationTests.key($0.name, ignoringSaraAm: false) })
        XCTAssertEqual(result.sheets.map(\.fieldsFound), expected.sheets.map(\.fieldsFound))
        // The Part 2 table, from a layout of columns: every dimension and the grand total found.
        XCTAssertEqual(Set(result.plan.items.compactMap(\.dimensionNumber)), Set(expected.plan.items.compactMap(\.dimensionNumber)))
        XCTAssertEqual(result.summary.dimensions.count, expected.summary.dimensions.count)
        // Known gap (issue 12): columns that text fills to the edge leave a one-space gap, so some
        // names of the layout table are cut; items then come from their sheets as well.
        XCTAssertGreaterThanOrEqual(result.plan.items.count, expected.plan.items.count)
    }

    func testMissingToolIsExplained() throws {
        let environment = ["PATH": "/nonexistent", "SUJARIT_PDFTOTEXT": "/nonexistent/pdftotext"]
        XCTAssertNil(PDFTextExtractor.toolURL(environment: environment))
        XCTAssertThrowsError(try PDFTextExtractor.extractText(Self.emptyPagePDF, environment: environment)) { error in
            XCTAssertEqual(error as? ImportError, .pdfToolMissing)
            XCTAssertTrue((error as? ImportError)?.message.en.contains("poppler-utils") ?? false)
            XCTAssertTrue((error as? ImportError)?.message.th.contains("pdftotext") ?? false)
        }
    }

    /// A page with no text at all, as an image scan has.
    static let emptyPagePDF: Data = {
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ]
        for (index, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { body += String(format: "%010d 00000 n \n", offset) }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(body.utf8)
    }()

    func testImageOnlyPDFSuggestsOCR() throws {
        try requirePdftotext()
        XCTAssertThrowsError(try DocumentImporter.importDocument(Self.emptyPagePDF, fileName: "scan.pdf")) { error in
            XCTAssertEqual(error as? ImportError, .pdfNoText)
            XCTAssertTrue((error as? ImportError)?.message.en.contains("OCR") ?? false)
        }
    }

    func testEncryptedPDFIsRefusedClearly() throws {
        try requirePdftotext()
        let options = #"pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}"#
        let pdf = try Self.pdf(fromDocx: try FixtureWriter.docx(PlainTextReader.read(SyntheticPlanDocument.text(itemCount: 2))), filter: options)
        guard PDFTextExtractor.declaresEncryption(pdf) else { throw XCTSkip("this LibreOffice does not encrypt PDFs from the command line") }
        XCTAssertThrowsError(try DocumentImporter.importDocument(pdf, fileName: "locked.pdf")) { error in
            XCTAssertEqual(error as? ImportError, .pdfEncrypted)
        }
    }

    func testSlowExtractionIsStopped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-slow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("pdftotext")
        try "#!/bin/sh\nexec sleep 30\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let start = Date()
        XCTAssertThrowsError(try PDFTextExtractor.extractText(Self.emptyPagePDF, tool: script, timeout: 1)) { error in
            XCTAssertEqual(error as? ImportError, .pdfTimeout(seconds: 1))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    /// `pdftotext -layout` tables: columns at shared positions become tab-separated cells.
    func testLayoutColumnsBecomeRows() {
        let layout = """
        แผนปฏิบัติการ

        มิติ          โครงการ                 ปี 2566      ปี 2567
        1. การสร้าง   1) โครงการอบรม          20,000       20,000
                      คุณธรรม
        """
        let rows = LayoutText.rows(from: layout).components(separatedBy: "\n")
        XCTAssertEqual(rows[0], "แผนปฏิบัติการ")
        XCTAssertEqual(rows[2], "มิติ\tโครงการ\tปี 2566\tปี 2567")
        XCTAssertEqual(rows[3], "1. การสร้าง\t1) โครงการอบรม\t20,000\t20,000")
        XCTAssertEqual(rows[4], "\tคุณธรรม\t\t")
    }
}
