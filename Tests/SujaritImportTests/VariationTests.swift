import Foundation
import SujaritCore
@testable import SujaritImport
import XCTest

/// Metamorphic tests: a variant of a seed (the same plan written as other organizations' files
/// and other extraction tools write it) must import to the same items, missions, budgets per
/// year and sheet names as the seed itself — never an invented item or mission.
final class VariationTests: XCTestCase {
    /// What must survive a variation.
    struct Signature: Equatable, CustomStringConvertible {
        struct Item: Equatable {
            var name: String
            var dimension: Int?
            var mission: String?
            var budgets: [Int: String]
        }
        var items: [Item]
        var customMissions: [String]
        var dimensionBudgets: [Int: [Int: Int64]]
        var sheetNames: [String]
        var sheetNumbers: [Int?]
        var itemsWithSheets: Int
        /// Per item with a sheet: its target group, budget text, responsible unit, period and
        /// number of objectives, as keys.
        var sheetFields: [[String]] = []

        var description: String {
            "\(items.count) items, missions \(items.map { $0.mission ?? "-" }), custom \(customMissions), sheets \(sheetNames.count)"
        }
    }

    /// Text compared as the variant could have kept it: without spaces (wraps and PDF damage move
    /// them), with Arabic digits, and — when sara am was dropped — without sara am.
    static func key(_ text: String, ignoringSaraAm: Bool) -> String {
        var text = ThaiDigits.toArabic(text).precomposedStringWithCanonicalMapping
        text.unicodeScalars.removeAll { scalar in
            scalar.properties.isWhitespace || (ignoringSaraAm && (scalar == "\u{0E33}" || scalar == "\u{0E4D}" || scalar == "\u{0E32}"))
        }
        return text
    }

    static func signature(_ result: ImportResult, ignoringSaraAm: Bool = false) -> Signature {
        let items = result.plan.orderedItems.map { item in
            Signature.Item(name: key(item.name, ignoringSaraAm: ignoringSaraAm), dimension: item.dimensionNumber, mission: item.missionCode,
                           budgets: Dictionary(uniqueKeysWithValues: item.budgets.map { ($0.key.be, "\($0.value)") }))
        }
        let custom = result.plan.dimensions.flatMap(\.missions).filter(\.isCustom).map { key($0.name, ignoringSaraAm: ignoringSaraAm) }
        var budgets: [Int: [Int: Int64]] = [:]
        for dimension in result.summary.dimensions {
            budgets[dimension.number] = Dictionary(uniqueKeysWithValues: dimension.budgetByYear.map { ($0.key.be, $0.value.satang) })
        }
        return Signature(items: items, customMissions: custom, dimensionBudgets: budgets,
                         sheetNames: result.sheets.map { key($0.name, ignoringSaraAm: ignoringSaraAm) },
                         sheetNumbers: result.sheets.map(\.sheetNumber),
                         itemsWithSheets: result.plan.items.filter { $0.sheet != nil }.count,
                         sheetFields: result.plan.orderedItems.compactMap(\.sheet).map { sheet in
                             [sheet.targetGroup, sheet.budgetText, sheet.responsible, sheet.period].map { key($0, ignoringSaraAm: ignoringSaraAm) } + [String(sheet.objectives.count)]
                         })
    }

    /// The differences between two signatures, in words; empty when they agree.
    static func differences(_ original: Signature, _ variant: Signature) -> [String] {
        var out: [String] = []
        if original.items.count != variant.items.count {
            out.append("items \(original.items.count) → \(variant.items.count)")
        }
        for (index, (a, b)) in zip(original.items, variant.items).enumerated() where a != b {
            if a.name != b.name { out.append("item \(index + 1) name “\(a.name.prefix(40))” → “\(b.name.prefix(40))”") }
            if a.dimension != b.dimension || a.mission != b.mission {
                out.append("item \(index + 1) mission \(a.mission ?? "-") → \(b.mission ?? "-")")
            }
            if a.budgets != b.budgets { out.append("item \(index + 1) budgets \(a.budgets.sorted { $0.key < $1.key }) → \(b.budgets.sorted { $0.key < $1.key })") }
            if out.count > 8 { break }
        }
        if variant.customMissions.count > original.customMissions.count {
            out.append("invented missions \(variant.customMissions.filter { !original.customMissions.contains($0) }.map { String($0.prefix(30)) })")
        }
        if original.dimensionBudgets != variant.dimensionBudgets { out.append("dimension budgets differ") }
        if original.sheetNames != variant.sheetNames {
            out.append("sheets \(original.sheetNames.count) → \(variant.sheetNames.count): "
                + zip(original.sheetNames, variant.sheetNames).filter { $0 != $1 }.prefix(2).map { "“\($0.prefix(30))” → “\($1.prefix(30))”" }.joined(separator: ", "))
        }
        if original.sheetNumbers != variant.sheetNumbers { out.append("sheet numbers \(original.sheetNumbers) → \(variant.sheetNumbers)") }
        if original.itemsWithSheets != variant.itemsWithSheets { out.append("items with sheets \(original.itemsWithSheets) → \(variant.itemsWithSheets)") }
        if original.sheetFields != variant.sheetFields {
            let changed = zip(original.sheetFields, variant.sheetFields).enumerated().first { $0.element.0 != $0.element.1 }
            out.append("sheet fields differ" + (changed.map { " (sheet \($0.offset + 1): \($0.element.0.map { String($0.prefix(20)) }) → \($0.element.1.map { String($0.prefix(20)) }))" } ?? ""))
        }
        return out
    }

    /// Runs `count` random variants of a seed; returns the failures.
    func runVariants(of prefix: String, count: Int, firstSeed: UInt64) throws -> (passed: Int, failures: [String]) {
        let text = try Seeds.text(prefix)
        let original = try DocumentImporter.importDocument(Data(text.utf8), fileName: "\(prefix).txt")
        let hasTable = PlanVariation.planTable(in: text) != nil
        var failures: [String] = []
        var passed = 0
        for seed in firstSeed..<(firstSeed + UInt64(count)) {
            let variation = PlanVariation.random(seed: seed, hasTable: hasTable)
            let variantText = variation.apply(to: text)
            let dropped = variation.saraAm == .dropped
            do {
                let variant = try DocumentImporter.importDocument(Data(variantText.utf8), fileName: "variant.txt")
                let problems = Self.differences(Self.signature(original, ignoringSaraAm: dropped), Self.signature(variant, ignoringSaraAm: dropped))
                if problems.isEmpty { passed += 1 } else {
                    failures.append("\(prefix) [\(variation)]: " + problems.joined(separator: "; "))
                    // SUJARIT_DUMP_VARIANTS=folder keeps each failing variant's text to look at.
                    if let folder = ProcessInfo.processInfo.environment["SUJARIT_DUMP_VARIANTS"] {
                        try? variantText.write(toFile: "\(folder)/variant-\(prefix)-\(failures.count).txt", atomically: true, encoding: .utf8)
                    }
                }
            } catch {
                failures.append("\(prefix) [\(variation)]: \(error)")
            }
        }
        return (passed, failures)
    }

    /// Variants per seed: 25 by default (each is a whole import), more with SUJARIT_VARIANTS.
    static var variantsPerSeed: Int { ProcessInfo.processInfo.environment["SUJARIT_VARIANTS"].flatMap(Int.init) ?? 25 }

    func testVariantsOfSeed000() throws {
        let (passed, failures) = try runVariants(of: "000", count: Self.variantsPerSeed, firstSeed: 1)
        print("variation 000: \(passed)/\(Self.variantsPerSeed) variants pass")
        for failure in failures { XCTFail(failure) }
    }

    func testVariantsOfSeed001() throws {
        let (passed, failures) = try runVariants(of: "001", count: Self.variantsPerSeed, firstSeed: 1_000)
        print("variation 001: \(passed)/\(Self.variantsPerSeed) variants pass")
        for failure in failures { XCTFail(failure) }
    }

    // MARK: - One kind of damage at a time (so a failure names its cause)

    func check(_ prefix: String, _ variation: PlanVariation, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try Seeds.text(prefix)
        let original = try DocumentImporter.importDocument(Data(text.utf8), fileName: "\(prefix).txt")
        let variantText = variation.apply(to: text)
        XCTAssertNotEqual(variantText, text, "the variation changed nothing: \(variation)", file: file, line: line)
        let variant = try DocumentImporter.importDocument(Data(variantText.utf8), fileName: "variant.txt")
        let dropped = variation.saraAm == .dropped
        let problems = Self.differences(Self.signature(original, ignoringSaraAm: dropped), Self.signature(variant, ignoringSaraAm: dropped))
        XCTAssertEqual(problems, [], "\(prefix) [\(variation)]", file: file, line: line)
    }

    func testTableAsRows() throws {
        try check("000", PlanVariation(tableForm: .rows))
    }

    func testWrappedCellsAsRows() throws {
        for width in [20, 27, 33, 40] {
            try check("000", PlanVariation(tableForm: .rows, wrapWidth: width))
            try check("000", PlanVariation(tableForm: .rows, wrapWidth: width, spill: true))
        }
    }

    func testWrappedCellsInCellForm() throws {
        for width in [20, 31, 40] {
            try check("000", PlanVariation(tableForm: .cells, wrapWidth: width))
            try check("000", PlanVariation(tableForm: .cells, wrapWidth: width, spill: true))
        }
    }

    func testRenumberedItems() throws {
        for numbering in [PlanVariation.Numbering.thaiParen, .arabicDot, .arabicParen] {
            for restart in [false, true] {
                try check("000", PlanVariation(tableForm: .rows, numbering: numbering, restartPerMission: restart))
            }
        }
    }

    func testDigitsSwitched() throws {
        try check("000", PlanVariation(digits: .thai))
        try check("001", PlanVariation(digits: .arabic))
    }

    func testMisspelledHeadings() throws {
        try check("000", PlanVariation(misspellHeadings: true))
        try check("000", PlanVariation(tableForm: .rows, misspellHeadings: true))
    }

    func testPageNumbersAndRepeatedHeaders() throws {
        try check("000", PlanVariation(tableForm: .rows, wrapWidth: 30, pageNumbers: true, repeatHeaders: true, seed: 7))
        try check("001", PlanVariation(pageNumbers: true, seed: 8))
    }

    func testPDFDamage() throws {
        for prefix in ["000", "001"] {
            try check(prefix, PlanVariation(saraAm: .decomposed))
            try check(prefix, PlanVariation(saraAm: .dropped))
            try check(prefix, PlanVariation(spaceBeforeMarks: 0.1, seed: 3))
        }
    }

    /// `ป้` read as `ปู` everywhere and a web page's banner and menus before the document: the
    /// same plan, sheets and sheet fields.
    func testPoReadAsPuAndAWebBanner() throws {
        for prefix in ["000", "001"] {
            try check(prefix, PlanVariation(poAsPu: true))
            try check(prefix, PlanVariation(webBanner: true))
            try check(prefix, PlanVariation(digits: .thai, spaceBeforeMarks: 0.08, poAsPu: true, webBanner: true, seed: 11))
        }
    }

    /// The plan in the older layout: no part headings, the 2561–2564 dimension names, the
    /// older one-year title — the same items, missions, budgets and sheets.
    func testOlderLayoutReadsTheSamePlan() throws {
        try check("000", PlanVariation(olderLayout: true))
        try check("000", PlanVariation(tableForm: .rows, wrapWidth: 30, olderLayout: true, seed: 21))
        try check("001", PlanVariation(olderLayout: true))
    }

    /// A page of the Part 2 table lost: the variant reads the same plan, or says which part of
    /// the table is missing — and never has an item or a mission the document does not have.
    func testDroppedTablePagesAreNamedNotInvented() throws {
        let text = try Seeds.text("000")
        let original = try DocumentImporter.importDocument(Data(text.utf8), fileName: "000.txt")
        let names = Set(original.plan.items.map { Self.key($0.name, ignoringSaraAm: false) } + original.sheets.map { Self.key($0.name, ignoringSaraAm: false) })
        let missingCodes: Set<String> = ["table.mission.missing", "table.dimension.missing", "table.rows.missing", "subtotal.missing", "sheet.item.missing", "item.number.missing"]
        var named = 0
        for (index, share) in [0.1, 0.2, 0.3, 0.45].enumerated() {
            for form in [PlanVariation.TableForm.original, .rows] {
                let variation = PlanVariation(tableForm: form, droppedTableShare: share, seed: UInt64(40 + index))
                let variantText = variation.apply(to: text)
                XCTAssertLessThan(variantText.count, text.count + (form == .original ? 0 : 4_000), "\(variation)")
                let variant = try DocumentImporter.importDocument(Data(variantText.utf8), fileName: "variant.txt")
                let invented = variant.plan.items.filter { !names.contains(Self.key($0.name, ignoringSaraAm: false)) }
                XCTAssertEqual(invented.map(\.name), [], "\(variation): items the document does not have")
                XCTAssertLessThanOrEqual(variant.plan.dimensions.flatMap(\.missions).filter(\.isCustom).count,
                                         original.plan.dimensions.flatMap(\.missions).filter(\.isCustom).count, "\(variation): invented missions")
                let problems = Self.differences(Self.signature(original), Self.signature(variant))
                if !problems.isEmpty {
                    let codes = Set(variant.findings.map(\.code)).intersection(missingCodes)
                    XCTAssertFalse(codes.isEmpty, "\(variation): \(problems) without a diagnosis naming the missing part")
                    named += 1
                }
            }
        }
        print("dropped table pages: \(named) of 8 variants differ and name the missing part")
    }

    /// The generator itself: a wrapped variant really has continuation rows, and the same
    /// seed makes the same text.
    func testGeneratorIsDeterministicAndWraps() throws {
        let text = try Seeds.text("000")
        let variation = PlanVariation(tableForm: .rows, wrapWidth: 25, spill: true, seed: 5)
        let first = variation.apply(to: text)
        XCTAssertEqual(first, variation.apply(to: text))
        let table = try XCTUnwrap(PlanVariation.planTable(in: first)?.table)
        let data = table.rows.dropFirst(2)
        XCTAssertGreaterThan(data.count, 40, "one row per visual line")
        XCTAssertTrue(data.contains { $0.cells[0].isEmpty && $0.cells[1].isEmpty && !$0.cells[2].isEmpty }, "continuation rows")
        XCTAssertTrue(data.allSatisfy { $0.cells.allSatisfy { $0.text.count <= 25 } })
        XCTAssertNotEqual(PlanVariation.random(seed: 1, hasTable: true).description, PlanVariation.random(seed: 2, hasTable: true).description)
    }

    /// Damage that must not create items: lines of a wrapped cell never become items or missions.
    func testWrappedFragmentsInventNothing() throws {
        let text = try Seeds.text("000")
        let original = try DocumentImporter.importDocument(Data(text.utf8), fileName: "000.txt")
        for width in [20, 24, 28] {
            let variant = try DocumentImporter.importDocument(Data(PlanVariation(tableForm: .rows, wrapWidth: width, spill: true).apply(to: text).utf8), fileName: "v.txt")
            XCTAssertLessThanOrEqual(variant.plan.items.count, original.plan.items.count)
            XCTAssertLessThanOrEqual(variant.plan.dimensions.flatMap(\.missions).filter(\.isCustom).count,
                                     original.plan.dimensions.flatMap(\.missions).filter(\.isCustom).count)
        }
    }
}
