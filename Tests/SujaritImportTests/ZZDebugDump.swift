import Foundation
@testable import SujaritImport
import XCTest
final class ZZDebugDump: XCTestCase {
    func testDump() throws {
        guard let path = ProcessInfo.processInfo.environment["DUMP_IN"] else { throw XCTSkip("") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var text: String
        if path.hasSuffix(".pdf") { text = try PDFTextExtractor.extractText(data) } else { text = String(decoding: data, as: UTF8.self); if LayoutText.isLaidOut(text) { text = LayoutText.rows(from: text) } }
        try text.write(toFile: ProcessInfo.processInfo.environment["DUMP_OUT"]!, atomically: true, encoding: .utf8)
        let blocks = try DocumentImporter.readBlocks(data)
        var out = ""
        for block in blocks { if case .table(let t) = block { out += "TABLE line \(t.line)\n"; for r in t.rows { out += r.cells.map { $0.lines.joined(separator: "⏎") }.joined(separator: " | ") + "\n" } } else { out += "P: \(block.textBlock?.text ?? "")\n" } }
        try out.write(toFile: ProcessInfo.processInfo.environment["DUMP_OUT"]! + ".blocks", atomically: true, encoding: .utf8)
    }
}
