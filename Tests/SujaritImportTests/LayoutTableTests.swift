import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// `LayoutTable`: plan tables of `pdftotext -layout` text rebuilt into logical rows.
final class LayoutTableTests: XCTestCase {
    static let unseen = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Unseen")

    /// SUJARIT_DUMP_LAYOUT=path prints the rebuilt rows and the items of that file (a debugging aid).
    func testDumpWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["SUJARIT_DUMP_LAYOUT"] else { return }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var out = ""
        func print(_ items: Any...) { out += items.map { "\($0)" }.joined(separator: " ") + "\n" }
        defer { try? out.write(toFile: path + ".dump", atomically: true, encoding: .utf8) }
        let blocks = try DocumentImporter.readBlocks(data)
        for case .table(let table) in blocks {
            for row in table.rows { print(row.line, row.cells.map { $0.lines.joined(separator: " / ") }.joined(separator: " | ")) }
        }
        let result = try DocumentImporter.importDocument(data, fileName: "x.txt")
        for item in result.plan.orderedItems {
            print(item.dimensionNumber.map(String.init) ?? "-", item.missionCode ?? "-", item.name, item.budgets.sorted { $0.key.be < $1.key.be }.map { "\($0.key.be)=\($0.value)" })
        }
        for finding in result.findings { print(finding.code, finding.line ?? 0, finding.message.en) }
    }
}
