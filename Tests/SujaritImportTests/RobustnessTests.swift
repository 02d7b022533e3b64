import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest
import ZIPFoundation

/// Bad input gives a clear error or a partial plan with a diagnosis; never a crash or a hang.
final class RobustnessTests: XCTestCase {
    func expectError(_ data: Data, _ expected: (ImportError) -> Bool, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let result = try DocumentImporter.importDocument(data, fileName: "bad")
            XCTFail("expected an error, got a plan with \(result.plan.items.count) items", file: file, line: line)
        } catch {
            XCTAssertTrue(expected(error), "unexpected error \(error)", file: file, line: line)
            XCTAssertFalse(error.message.th.isEmpty, file: file, line: line)
            XCTAssertFalse(error.message.en.isEmpty, file: file, line: line)
        }
    }

    func testEmptyFile() {
        expectError(Data(), { $0 == .empty })
        expectError(Data("  \n\n\t \n".utf8), { $0 == .empty })
    }

    func testBinaryGarbage() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        expectError(Data(bytes), { $0 == .notText })
        expectError(Data([0, 1, 2, 3, 0, 0, 0, 0, 9, 9, 9]), { $0 == .notText })
    }

    func testZipThatIsNotADocx() throws {
        let zip = try FixtureWriter.zip([("hello.txt", "สวัสดี"), ("data/report.csv", "a,b\n1,2")])
        XCTAssertEqual(DocumentImporter.detectFormat(zip), .docx)
        expectError(zip, { if case .notADocx(let detail) = $0 { return detail.contains("hello.txt") } else { return false } })
    }

    func testTruncatedAndDamagedDocx() throws {
        let docx = try FixtureWriter.docx(PlainTextReader.read(SyntheticPlanDocument.text(itemCount: 5)))
        expectError(docx.prefix(docx.count / 2), {
            if case .corruptDocx = $0 { return true }
            if case .notADocx = $0 { return true }
            return false
        })
        // A document.xml that breaks off mid-way: what was read before the break is kept.
        let brokenXML = try FixtureWriter.zip([("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>ลำดับที่ 1</w:t></w:r></w:p><w:p><w:r><w:t>1. ชื่อโครงการ : มาตรการ NO Gift Policy</w:t></w:r></w:p><w:p><w:r><w:t>2. หลักการและเหตุผล</w:t></w:r></w:p><w:p><w:r><w:t>ตามที่")])
        let result = try DocumentImporter.importDocument(brokenXML, fileName: "broken.docx")
        XCTAssertEqual(result.plan.items.map(\.name), ["มาตรการ NO Gift Policy"])
        XCTAssertTrue(result.findings.contains { $0.code == "sheet.fields.missing" })
        // A DOCX whose document part is not XML at all.
        expectError(try FixtureWriter.zip([("word/document.xml", "\u{0}\u{1}garbage")]), { if case .corruptDocx = $0 { return true }; return $0 == .empty })
    }

    func testFiftyMegabytes() {
        let start = Date()
        expectError(Data(count: 50 * 1024 * 1024), { if case .tooLarge(let bytes, let limit) = $0 { return bytes > limit } else { return false } })
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "refused before parsing")
    }

    func testEnglishDocument() {
        let text = """
        Annual Report 2024

        This document describes the activities of a company. It has no Thai text,
        no plan table and no project sheets.
        1. Introduction
        2. Results
        """
        expectError(Data(text.utf8), { $0 == .noPlanContent })
    }

    func testLegacyThaiEncoding() throws {
        // TIS-620: "ลำดับที่ 1" / "1. ชื่อโครงการ : มาตรการ NO Gift Policy"
        let text = "ลำดับที่ 1\n1. ชื่อโครงการ : มาตรการ NO Gift Policy\n"
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 { bytes.append(UInt8(scalar.value)) } else { bytes.append(UInt8(scalar.value - 0x0E00 + 0xA0)) }
        }
        let result = try DocumentImporter.importDocument(Data(bytes), fileName: "tis620.txt")
        XCTAssertEqual(result.plan.items.first?.name, "มาตรการ NO Gift Policy")
    }

    /// A plan that stops in the middle of a sheet: the plan up to there, and a diagnosis.
    func testTruncatedPlan() throws {
        let full = SyntheticPlanDocument.text(itemCount: 8)
        let cut = full.range(of: "5. วิธีดำเนินการ", options: .backwards)!.lowerBound
        let result = try DocumentImporter.importDocument(Data(full[..<cut].utf8), fileName: "cut.txt")
        XCTAssertEqual(result.plan.items.count, 8)
        XCTAssertEqual(result.sheets.count, 8)
        let incomplete = result.findings.filter { $0.code == "sheet.fields.missing" }
        XCTAssertEqual(incomplete.count, 1)
        XCTAssertTrue(incomplete[0].message.en.contains("method"))
        XCTAssertTrue(incomplete[0].message.th.contains("วิธีดำเนินการ"))
    }

    func testTruncatedSeed() throws {
        let text = try Seeds.text("000")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let result = try DocumentImporter.importDocument(Data(lines.prefix(700).joined(separator: "\n").utf8), fileName: "000-cut.txt")
        XCTAssertEqual(result.summary.itemCount, 17, "Part 2 is whole")
        XCTAssertEqual(result.sheets.count, 5)
        XCTAssertTrue(result.findings.contains { $0.code == "sheet.fields.missing" && $0.line == 666 })
        XCTAssertEqual(result.findings.filter { $0.code == "item.sheet.missing" }.count, 12)
    }

    func testUnreadableNumberInBudgetCell() throws {
        let text = SyntheticPlanDocument.text(itemCount: 4).replacingOccurrences(of: "\t10,000\n", with: "\t#####\n")
        let result = try DocumentImporter.importDocument(Data(text.utf8), fileName: "hash.txt")
        XCTAssertTrue(result.findings.contains { $0.code == "budget.unreadable" })
    }

    // MARK: Fuzzing

    enum Mutation: CaseIterable { case deleteLines, duplicateLines, swapLines, insertBytes, truncate, insertTabs, replaceDigits, insertMarkup, cutInsideCharacter }

    static func mutate(_ data: Data, using generator: inout SeededGenerator) -> Data {
        var bytes = [UInt8](data)
        guard !bytes.isEmpty else { return data }
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Mutation.allCases.randomElement(using: &generator)! {
            case .deleteLines:
                let length = min(bytes.count - position, Int.random(in: 1...4_000, using: &generator))
                bytes.removeSubrange(position..<(position + length))
            case .duplicateLines:
                let length = min(bytes.count - position, Int.random(in: 1...3_000, using: &generator))
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: Int.random(in: 0...bytes.count, using: &generator))
            case .swapLines:
                let other = Int.random(in: 0..<bytes.count, using: &generator)
                let length = min(bytes.count - max(position, other), 500)
                if length > 0 && abs(position - other) >= length {
                    for offset in 0..<length { bytes.swapAt(position + offset, other + offset) }
                }
            case .insertBytes:
                bytes.insert(contentsOf: (0..<Int.random(in: 1...50, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: position)
            case .truncate:
                bytes.removeSubrange(position...)
            case .insertTabs:
                bytes.insert(contentsOf: Array(repeating: UInt8(9), count: Int.random(in: 1...6, using: &generator)), at: position)
            case .replaceDigits:
                for index in position..<min(bytes.count, position + 2_000) where (0x30...0x39).contains(bytes[index]) {
                    bytes[index] = UInt8.random(in: 0x30...0x39, using: &generator)
                }
            case .insertMarkup:
                let pieces = ["<p>", "</p>", "<ul style=\"x\">", "\n\t", "\nลำดับที่ 3\n", "\n1. ชื่อโครงการ :\n", "\n\tรวม\n\tจำนวน 9 โครงการ\n", "\nมิติที่ 9\n", "\n2.1.1 x\n", "#####", "\n--\t--\n", "&#x0E01;&bogus;"]
                bytes.insert(contentsOf: Array(pieces.randomElement(using: &generator)!.utf8), at: position)
            case .cutInsideCharacter:
                if position + 1 < bytes.count { bytes.remove(at: position + 1) }
            }
        }
        return Data(bytes)
    }

    func fuzz(_ source: Data, runs: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var imported = 0
        for run in 0..<runs {
            let input = Self.mutate(source, using: &generator)
            let start = Date()
            do {
                let result = try DocumentImporter.importDocument(input, fileName: "fuzz-\(run)")
                imported += 1
                XCTAssertEqual(result.summary.itemCount, result.plan.items.count)
                XCTAssertTrue(result.findings.allSatisfy { !$0.message.th.isEmpty && !$0.message.en.isEmpty })
                _ = ImportSummaryRenderer.render(result)
                _ = try? JSONEncoder().encode(result)
            } catch {
                XCTAssertFalse(error.message.en.isEmpty)
            }
            // A hang guard, not a speed target (that is `sujarit bench import`, release build): a
            // damaged document must never make the importer loop; debug builds on a busy machine
            // take a few seconds for the larger seeds.
            XCTAssertLessThan(Date().timeIntervalSince(start), 30, "run \(run) took too long: the importer may loop on this input")
        }
        // Mutations that break every input at the door would test nothing past the first check:
        // some damaged documents must still reach the parser and come out as plans.
        XCTAssertGreaterThan(imported, 0, "no mutated input got past the first check (seed \(seed))")
    }

    func testFuzzBuiltInFixture() throws {
        let text = SyntheticPlanDocument.text(itemCount: 12)
        fuzz(Data(text.utf8), runs: 60, seed: 1)
        fuzz(try FixtureWriter.docx(PlainTextReader.read(text)), runs: 30, seed: 2)
        fuzz(Data(FixtureWriter.html(PlainTextReader.read(text)).utf8), runs: 30, seed: 3)
    }

    func testFuzzSeeds() throws {
        for (index, prefix) in ["000", "001", "002"].enumerated() {
            fuzz(try Seeds.data(prefix), runs: 25, seed: 100 + UInt64(index))
        }
    }
}
