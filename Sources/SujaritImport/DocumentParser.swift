import Foundation
import SujaritCore
import SujaritCatalog

/// Turns blocks into a plan, organization facts, results rows and a diagnosis.
///
/// The document is walked once and split into its parts: the cover, คำนำ (foreword), ส่วนที่ 1
/// (risk table, rationale, objectives, targets, benefits), ส่วนที่ 2 (the plan table) and
/// ส่วนที่ 3 (project sheets); a one-year plan may be only a cover and sheets, and a results
/// report only a cover and one table. Each part is then read by its own parser, the sheets are
/// matched to the table's items, and every figure the document states is checked against the
/// one computed from what was read.
struct DocumentParser {
    enum Section: Equatable { case cover, foreword, contents, part1, part2, part3, appendix }

    let blocks: [DocumentBlock]
    let organizationOverride: String?
    var findings: [ImportFinding] = []
    /// Lines of the plan table and the sheets that could not be placed (each also a
    /// `line.unplaced` finding, the first twenty of each part).
    var unplacedLines = 0

    init(blocks: [DocumentBlock], organizationOverride: String?) {
        self.blocks = blocks
        self.organizationOverride = organizationOverride
    }

    struct Output {
        var kind: ImportedDocumentKind
        var organization: ImportedOrganization
        var plan: Plan
        var sheets: [ImportedSheet]
        var rows: [MonitoringResultRow]
        var findings: [ImportFinding]
        var hasContent: Bool
        var unplacedLines: Int
    }

    // MARK: - Sections

    /// "ส่วนที่ 2" or "ส่วนที่ 1 บทนำ" — but not the foreword's "ส่วนที่ 1 บทนำ ประกอบด้วย …".
    static func partHeading(_ text: String) -> Int? {
        guard ImportText.starts(text, with: "ส่วนที่") else { return nil }
        let rest = ImportText.trimmedStart(text.dropFirst("ส่วนที่".count))
        guard let (number, after) = ImportText.leadingNumber(rest, maxDigits: 1), (1...3).contains(number) else { return nil }
        guard after.count <= 40, !ImportText.has(after, "ประกอบ") else { return nil }
        return number
    }

    static func sheetStart(_ text: String) -> Int? { sheetNumber(text)?.number }

    /// "ลำดับที่ 7", "ลำดับที่ ๗.", "ลำดับที่ 7 (เพิ่มเติม)", "ลำดับที่ 7/1": the sheet's number and
    /// what follows it (a suffix marks an added sheet, whose number may repeat another's).
    static func sheetNumber(_ text: String) -> (number: Int, suffix: String)? {
        guard ImportText.starts(text, with: "ลำดับที่") else { return nil }
        let rest = ImportText.trimmedStart(text.dropFirst("ลำดับที่".count))
        guard let (number, after) = ImportText.leadingNumber(rest, maxDigits: 3) else { return nil }
        let suffix = ImportText.clean(after)
        if suffix.count <= 3 { return (number, suffix.trimmingCharacters(in: CharacterSet(charactersIn: ".:)"))) }
        // A bracketed note only ("(เพิ่มเติม)", "(ต่อ)", "[ใหม่]"), never running text.
        guard suffix.count <= 24, let first = suffix.first, let last = suffix.last, "([".contains(first), ")]".contains(last) else { return nil }
        return (number, suffix)
    }

    /// The import, step by step: split the document into its parts, read the cover, set up the
    /// plan for its years and cycle, read the front matter and Part 1, the plan table (Part 2),
    /// the project sheets (Part 3) and any results report, match sheets to table items, then
    /// check every stated figure against what was read.
    mutating func parse() -> Output {
        let parts = Self.splitIntoParts(blocks)
        let cover = Self.coverLines(parts)
        let (organization, documentOrganizationName) = organizationFacts(cover: cover, parts: parts)
        var plan = Self.emptyPlan(cover: cover, parts: parts, organization: organization, documentOrganizationName: documentOrganizationName)
        readFrontMatter(parts, into: &plan)
        let table = readPlanTable(parts.planTables, into: &plan)
        let sheets = readSheets(parts.part3, plan: plan)
        var rows = Self.readResultsReport(parts.reportTables)
        let matcher = NameMatcher(organizationName: documentOrganizationName)
        let matched = matchSheets(sheets, to: table, plan: plan, matcher: matcher)
        var items = matched.items
        if table.items.isEmpty && sheets.isEmpty { items += itemsFromReport(&rows) }
        plan.items = items
        plan.risks = linkRisks(plan.risks, items: items, matcher: matcher)
        diagnose(parts: parts, table: table, sheets: sheets, plan: plan)

        let kind: ImportedDocumentKind
        if !rows.isEmpty && table.items.isEmpty && sheets.isEmpty {
            kind = .resultsReport
        } else if plan.firstYear == plan.lastYear {
            kind = .annualPlan
        } else {
            kind = .multiYearPlan
        }
        let hasContent = !items.isEmpty || !rows.isEmpty || !plan.risks.isEmpty || !plan.targets.isEmpty || !table.parser.dimensionNames.isEmpty
        findings.sort { ($0.line ?? 0, $0.severity) < ($1.line ?? 0, $1.severity) }
        return Output(kind: kind, organization: organization, plan: plan, sheets: matched.sheets, rows: rows, findings: findings,
                      hasContent: hasContent, unplacedLines: unplacedLines)
    }

    // MARK: - Step 1: the document's parts

    /// The document cut into its parts, and its tables sorted by what they hold.
    struct DocumentParts {
        var lines: [Section: [SourceLine]] = [:]
        var part3: [SourceLine] = []
        var planTables: [DocumentTable] = []
        var riskTables: [DocumentTable] = []
        var targetTables: [DocumentTable] = []
        var reportTables: [(DocumentTable, [ResultsReportParser.Column])] = []
        /// Every line outside the appendix, tables' cell lines included, in document order.
        var allLines: [SourceLine] = []
        var appendixStart: Int?
    }

    /// One walk through the blocks: headings switch the part; tables go by their kind.
    static func splitIntoParts(_ blocks: [DocumentBlock]) -> DocumentParts {
        var parts = DocumentParts()
        var section = Section.cover
        for block in blocks {
            switch block {
            case .table(let table):
                if section == .appendix { continue }
                let cellLines = table.cells.flatMap { cell in cell.lines.enumerated().map { SourceLine(text: $0.element, line: cell.line + $0.offset) } }
                parts.allLines += cellLines
                if let columns = ResultsReportParser.columns(of: table) {
                    parts.reportTables.append((table, columns))
                } else if Part1TableParser.isRiskTable(table) {
                    parts.riskTables.append(table)
                } else if Part1TableParser.isTargetTable(table) {
                    parts.targetTables.append(table)
                } else if section == .part3 {
                    // Sheets laid out in a table: read the cells as running text.
                    parts.part3 += cellLines
                } else if section == .part2 || looksLikePlanTable(table) {
                    parts.planTables.append(table)
                }
            case .heading(let text), .paragraph(let text), .listItem(let text):
                if section == .appendix { continue }
                let compact = ImportText.compact(text.text)
                if compact == "คำนำ" { section = .foreword; continue }
                if compact == "สารบัญ" { section = .contents; continue }
                if let part = partHeading(text.text) {
                    section = part == 1 ? .part1 : (part == 2 ? .part2 : .part3)
                    continue
                }
                if ImportText.starts(compact, with: "ภาคผนวก") && compact.count <= 60 {
                    section = .appendix
                    parts.appendixStart = text.line
                    continue
                }
                if section != .part3 && (sheetStart(text.text) != nil || SheetParser.fieldHeading(text.text)?.0 == .name) {
                    section = .part3
                }
                let line = SourceLine(text: text.text, line: text.line)
                parts.allLines.append(line)
                if section == .part3 { parts.part3.append(line) } else { parts.lines[section, default: []].append(line) }
            }
        }
        return parts
    }

    // MARK: - Step 2: cover, organization, the plan's years and cycle

    /// The cover's lines (at most 40), or the document's first lines when it has no cover part.
    static func coverLines(_ parts: DocumentParts) -> [SourceLine] {
        let cover = parts.lines[.cover] ?? []
        return Array((cover.isEmpty ? Array(parts.allLines.prefix(8)) : cover).prefix(40))
    }

    /// The organization as the document names it, unless the importer was given its name; and the
    /// name the document uses (to recognize it inside item names).
    func organizationFacts(cover: [SourceLine], parts: DocumentParts) -> (ImportedOrganization, documentName: String) {
        var organization = Self.organizationFacts(cover: cover, all: parts.allLines)
        let documentName = organization.name
        if let override = organizationOverride.map(ImportText.clean), !override.isEmpty {
            organization.name = override
            organization.kind = OrganizationKind.recognize(inName: override) ?? organization.kind
        }
        organization.digitStyle = Self.digitStyle(parts.allLines)
        return (organization, documentName)
    }

    /// A plan made from the template of the document's cycle, for its years, with its title.
    static func emptyPlan(cover: [SourceLine], parts: DocumentParts, organization: ImportedOrganization, documentOrganizationName: String) -> Plan {
        let tableYears = parts.planTables.flatMap { $0.cells.prefix(40) }.compactMap { cell -> FiscalYear? in
            if case .year(let year)? = PlanTableParser.header(cell.text) { return year }
            return nil
        }
        let years = planYears(cover: cover, tableYears: tableYears, all: parts.allLines)
        let template = template(for: years, lines: parts.allLines)
        let draftOrganization = Organization(slug: "imported", kind: organization.kind ?? .subdistrict,
                                             name: organization.name.isEmpty ? "องค์กรปกครองส่วนท้องถิ่น" : organization.name)
        var plan = Plan.fromTemplate(template, organization: draftOrganization, first: years.first, last: years.last)
        plan.organizationID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        if let title = title(cover: cover, organizationName: documentOrganizationName) { plan.title = title }
        return plan
    }

    // MARK: - Step 3: foreword and Part 1

    mutating func readFrontMatter(_ parts: DocumentParts, into plan: inout Plan) {
        plan.frontMatter.foreword = (parts.lines[.foreword] ?? []).map(\.text).joined(separator: "\n")
        readPart1(parts.lines[.part1] ?? [], into: &plan)
        for table in parts.riskTables { plan.risks += Part1TableParser.readRisks(table, findings: &findings) }
        for table in parts.targetTables { plan.targets += Part1TableParser.readTargets(table, planYears: plan.fiscalYears) }
    }

    // MARK: - Step 4: the plan table (Part 2)

    /// What the plan table gave: the parser (missions, subtotals, stated totals) and its items in
    /// the model's shape (with the months each runs in, from a month-by-month table).
    struct TableReading {
        var parser: PlanTableParser
        var items: [PlanItem]
    }

    /// Reads the plan tables, places their missions in the plan, and makes their items.
    mutating func readPlanTable(_ tables: [DocumentTable], into plan: inout Plan) -> TableReading {
        var parser = PlanTableParser(planYears: plan.fiscalYears)
        parser.defaultBudgetYear = plan.firstYear
        for table in tables { parser.read(table) }
        findings += parser.findings
        unplacedLines += parser.unplacedCells
        let missionCodes = resolveMissions(parser.missions, dimensionNames: parser.dimensionNames, plan: &plan)
        var items: [PlanItem] = []
        for (index, found) in parser.items.enumerated() {
            let code = found.missionCode.flatMap { missionCodes[$0] ?? $0 }
            let missionCode = code.flatMap { plan.mission(code: $0) != nil ? $0 : nil }
            let subMissionCode = found.subMissionCode.flatMap { codes in missionCodes[codes] ?? codes }.flatMap { sub in
                missionCode.flatMap { plan.mission(code: $0)?.subMissions.contains { $0.code == sub } == true ? sub : nil }
            }
            let months = (try? MonthSchedule(months: found.months)) ?? .none
            let item = PlanItem(kind: kind(of: found.name, line: found.line), name: found.name, missionCode: missionCode,
                                subMissionCode: subMissionCode, order: index + 1, budgets: found.budgets,
                                remarks: found.remarks.joined(separator: "\n"), months: months)
            items.append(item)
        }
        return TableReading(parser: parser, items: items)
    }

    // MARK: - Step 5: the project sheets (Part 3) and a results report

    mutating func readSheets(_ lines: [SourceLine], plan: Plan) -> [ParsedSheet] {
        var reader = SheetReader(plan: plan)
        reader.read(lines)
        findings += reader.findings
        unplacedLines += reader.unplacedCount
        return reader.sheets
    }

    static func readResultsReport(_ tables: [(DocumentTable, [ResultsReportParser.Column])]) -> [MonitoringResultRow] {
        tables.flatMap { ResultsReportParser.read($0.0, columns: $0.1) }
    }

    /// A results report without a plan: its rows become items, so that it can be linked to a plan.
    mutating func itemsFromReport(_ rows: inout [MonitoringResultRow]) -> [PlanItem] {
        var items: [PlanItem] = []
        for index in rows.indices {
            let item = PlanItem(kind: kind(of: rows[index].measure, line: rows[index].line), name: rows[index].measure,
                                missionCode: nil, order: rows[index].number ?? index + 1, responsibleUnit: rows[index].responsible)
            rows[index].itemID = item.id
            items.append(item)
        }
        return items
    }

    // MARK: - Step 6: sheets matched to table items

    struct Matching {
        var items: [PlanItem]
        var sheets: [ImportedSheet]
    }

    /// Each sheet joins at most one table item (by name, a shared mission breaking ties); a sheet
    /// without a row becomes an item of its own, and an item without a sheet is reported.
    mutating func matchSheets(_ parsedSheets: [ParsedSheet], to table: TableReading, plan: Plan, matcher: NameMatcher) -> Matching {
        let tableItems = table.items
        let itemKeys = tableItems.map { matcher.key($0.name) }
        let sheetKeys = parsedSheets.map { matcher.key($0.name) }
        let pairs = NameMatcher.assign(left: sheetKeys, right: itemKeys, threshold: 0.55) { sheet, item in
            parsedSheets[sheet].missionCode != nil && parsedSheets[sheet].missionCode == tableItems[item].missionCode ? 0.1 : 0
        }
        var importedSheets = parsedSheets.map {
            ImportedSheet(sheetNumber: $0.number, name: $0.name, line: $0.line, fieldsFound: $0.fieldsFound, itemID: nil, matchScore: nil)
        }
        var sheetOfItem: [Int: Int] = [:]
        for pair in pairs {
            sheetOfItem[pair.right] = pair.left
            importedSheets[pair.left].itemID = tableItems[pair.right].id
            importedSheets[pair.left].matchScore = (pair.score * 1000).rounded() / 1000
        }
        var items = tableItems
        for (itemIndex, sheetIndex) in sheetOfItem {
            let sheet = parsedSheets[sheetIndex]
            items[itemIndex].sheet = sheet.makeSheet()
            items[itemIndex].responsibleUnit = sheet.text(.responsible)
            if items[itemIndex].months.isEmpty { items[itemIndex].months = sheet.months }
            if let subMission = sheet.subMissionCode, let mission = items[itemIndex].missionCode, ImportText.starts(subMission, with: mission + ".") {
                items[itemIndex].subMissionCode = subMission
            }
            checkSheetBudget(sheet, item: items[itemIndex], plan: plan)
        }
        let isOneYear = plan.firstYear == plan.lastYear
        // The mission of each sheet that joined a table item, to place its unmatched neighbours.
        var itemOfSheet: [Int: Int] = [:]
        for (item, sheet) in sheetOfItem { itemOfSheet[sheet] = item }
        let matchedMission: (Int) -> String? = { sheetIndex in itemOfSheet[sheetIndex].flatMap { items[$0].missionCode } }
        var madeFromSheets: [(sheet: ParsedSheet, item: PlanItem)] = []
        for (sheetIndex, sheet) in parsedSheets.enumerated() where importedSheets[sheetIndex].itemID == nil {
            let before = (0..<sheetIndex).reversed().first { itemOfSheet[$0] != nil }.flatMap(matchedMission)
            let after = ((sheetIndex + 1)..<parsedSheets.count).first { itemOfSheet[$0] != nil }.flatMap(matchedMission)
            var inferred: String?
            if let before, before == after || after == nil { inferred = before } else if before == nil { inferred = after }
            if let dimension = sheet.dimension, inferred.flatMap(Mission.dimensionNumber(ofCode:)) != dimension { inferred = nil }
            let made = item(from: sheet, order: items.count + 1, plan: plan, oneYear: isOneYear, inferredMission: inferred)
            items.append(made)
            madeFromSheets.append((sheet, made))
            importedSheets[sheetIndex].itemID = made.id
            if !tableItems.isEmpty {
                findings.append(ImportFinding(severity: .warning, code: "sheet.item.missing", line: sheet.line, message: LocalizedText(
                    th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ไม่มีในตารางแผน (ส่วนที่ 2) จึงเพิ่มเป็นรายการใหม่",
                    en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” has no row in the plan table (Part 2); it was added as a new item")))
            }
        }
        if !parsedSheets.isEmpty {
            for (index, item) in tableItems.enumerated() where sheetOfItem[index] == nil {
                findings.append(ImportFinding(severity: .warning, code: "item.sheet.missing", line: table.parser.items[index].line, message: LocalizedText(
                    th: "“\(item.name)” ไม่มีรายละเอียดโครงการในส่วนที่ 3", en: "“\(item.name)” has no project sheet in Part 3")))
            }
        } else if !tableItems.isEmpty {
            findings.append(ImportFinding(severity: .info, code: "sheets.none", line: nil, message: LocalizedText(
                th: "เอกสารไม่มีรายละเอียดโครงการ (ส่วนที่ 3)", en: "The document has no project sheets (Part 3)")))
        }
        if !tableItems.isEmpty { reportMissingTableParts(madeFromSheets, table: table, plan: plan) }
        // An item made from a sheet takes its sheet's place among the table's items (right after
        // the item of the sheet before it), not the end of the plan: a lost page of mission 1.2
        // leaves its item between those of 1.1 and 1.3.
        if !tableItems.isEmpty, !madeFromSheets.isEmpty {
            var sequence = Array(items[..<tableItems.count].sorted { $0.order < $1.order }.map(\.id))
            var itemIDOfSheet: [Int: UUID] = [:]
            for (item, sheet) in sheetOfItem { itemIDOfSheet[sheet] = items[item].id }
            for (sheetIndex, imported) in importedSheets.enumerated() {
                guard let id = imported.itemID, itemIDOfSheet[sheetIndex] == nil, !sequence.contains(id) else { continue }
                let previous = (0..<sheetIndex).reversed().lazy.compactMap { importedSheets[$0].itemID }.first { sequence.contains($0) }
                let position = previous.flatMap { sequence.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
                sequence.insert(id, at: position)
            }
            let rank = Dictionary(uniqueKeysWithValues: sequence.enumerated().map { ($0.element, $0.offset + 1) })
            for index in items.indices { if let order = rank[items[index].id] { items[index].order = order } }
        }
        return Matching(items: items, sheets: importedSheets)
    }

    /// Which parts of the plan table are missing (pages lost, tables cut): dimensions and
    /// missions that only the sheets have, and dimensions without the subtotal row the others have.
    mutating func reportMissingTableParts(_ made: [(sheet: ParsedSheet, item: PlanItem)], table: TableReading, plan: Plan) {
        let tableDimensions = Set(table.items.compactMap(\.dimensionNumber) + table.parser.items.compactMap(\.dimension))
        let tableMissions = Set(table.items.compactMap(\.missionCode))
        var dimensions: [Int: [ParsedSheet]] = [:]
        var missions: [String: [ParsedSheet]] = [:]
        var unplaced: [ParsedSheet] = []
        for (sheet, item) in made {
            if let dimension = item.dimensionNumber ?? sheet.dimension, !tableDimensions.contains(dimension) {
                dimensions[dimension, default: []].append(sheet)
            } else if let mission = item.missionCode, !tableMissions.contains(mission) {
                missions[mission, default: []].append(sheet)
            } else {
                unplaced.append(sheet)
            }
        }
        func numbers(_ sheets: [ParsedSheet]) -> String {
            let list = sheets.compactMap(\.number).map(String.init)
            return list.isEmpty ? "\(sheets.count)" : list.joined(separator: ", ")
        }
        for (dimension, sheets) in dimensions.sorted(by: { $0.key < $1.key }) {
            findings.append(ImportFinding(severity: .warning, code: "table.dimension.missing", line: sheets.first?.line, message: LocalizedText(
                th: "ตารางแผน (ส่วนที่ 2) ไม่มีมิติที่ \(dimension) — อาจมีหน้าหายไป รายการของมิตินี้มาจากรายละเอียดโครงการลำดับที่ \(numbers(sheets))",
                en: "The plan table (Part 2) lacks dimension \(dimension) — pages may be missing; its items come from project sheets \(numbers(sheets))")))
        }
        for (mission, sheets) in missions.sorted(by: { $0.key < $1.key }) {
            findings.append(ImportFinding(severity: .warning, code: "table.mission.missing", line: sheets.first?.line, message: LocalizedText(
                th: "ตารางแผน (ส่วนที่ 2) ไม่มีภารกิจ \(mission) — อาจมีหน้าหายไป รายการของภารกิจนี้มาจากรายละเอียดโครงการลำดับที่ \(numbers(sheets))",
                en: "The plan table (Part 2) lacks mission \(mission) — pages may be missing; its items come from project sheets \(numbers(sheets))")))
        }
        if unplaced.count >= 3 {
            findings.append(ImportFinding(severity: .warning, code: "table.rows.missing", line: unplaced.first?.line, message: LocalizedText(
                th: "ตารางแผน (ส่วนที่ 2) ขาดแถวของรายละเอียดโครงการลำดับที่ \(numbers(unplaced)) — ตารางอาจไม่ครบ",
                en: "The plan table (Part 2) has no rows for project sheets \(numbers(unplaced)) — the table may be incomplete")))
        }
    }

    /// Dimensions of the table without a subtotal row, when other dimensions have one.
    mutating func reportMissingSubtotals(_ table: PlanTableParser) {
        let withSubtotal = Set(table.subtotals.compactMap(\.dimension))
        guard !withSubtotal.isEmpty else { return }
        var firstLine: [Int: Int] = [:]
        for item in table.items { if let dimension = item.dimension, firstLine[dimension] == nil { firstLine[dimension] = item.line } }
        for (dimension, line) in firstLine.sorted(by: { $0.key < $1.key }) where !withSubtotal.contains(dimension) {
            findings.append(ImportFinding(severity: .info, code: "subtotal.missing", line: line, message: LocalizedText(
                th: "มิติที่ \(dimension) ในตารางแผนไม่มีแถวรวม (มิติอื่นมี) — อาจมีหน้าหายไป",
                en: "Dimension \(dimension) of the plan table has no subtotal row (the others have) — a page may be missing")))
        }
    }

    // MARK: - Step 7: diagnosis

    /// Stated counts and totals against what was read, numbering, sheet fields, template text.
    mutating func diagnose(parts: DocumentParts, table: TableReading, sheets: [ParsedSheet], plan: Plan) {
        let statedLines = [Section.cover, .foreword, .part1, .part2].flatMap { parts.lines[$0] ?? [] }
        checkStatedCounts(lines: statedLines, tableItems: table.items, table: table.parser)
        checkTotals(table.parser, tableItems: table.items, plan: plan)
        reportMissingSubtotals(table.parser)
        // Item numbers may restart with every mission (or dimension): each run is checked alone.
        for run in Self.numberRuns(table.parser.items) { checkNumbering(run, what: .item) }
        checkNumbering(sheets.filter { $0.numberSuffix.isEmpty }.compactMap { sheet in sheet.number.map { ($0, sheet.line) } }, what: .sheet)
        for sheet in sheets {
            let missing = SheetField.required.filter { !sheet.fieldsFound.contains($0) }
            guard !missing.isEmpty else { continue }
            findings.append(ImportFinding(severity: .warning, code: "sheet.fields.missing", line: sheet.line, message: LocalizedText(
                th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ขาดหัวข้อ: \(missing.map(\.thaiName).joined(separator: ", "))",
                en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” lacks: \(missing.map(\.englishName).joined(separator: ", "))")))
        }
        checkPlaceholders(parts.allLines)
        if let appendixStart = parts.appendixStart {
            findings.append(ImportFinding(severity: .info, code: "appendix.skipped", line: appendixStart, message: LocalizedText(
                th: "ไม่ได้นำเข้าภาคผนวก", en: "The appendix was not imported")))
        }
    }

    static func looksLikePlanTable(_ table: DocumentTable) -> Bool {
        let table = PlanTableParser.joiningHeaderLines(table)
        var itemLines = 0
        for cell in table.cells.prefix(400) {
            for line in cell.lines {
                if let marker = ImportText.marker(Substring(line)), marker.style == .closingParen, PlanItemKind.recognize(fromName: String(marker.rest)) != nil {
                    itemLines += 1
                }
                if case .year? = PlanTableParser.header(line) { return true }
                if case .month? = PlanTableParser.header(line), table.rows.first?.cells.contains(where: { PlanTableParser.header($0.text) == .items }) == true { return true }
            }
        }
        return itemLines >= 2
    }

    static func sheetLabel(_ number: Int?) -> String { number.map { "ลำดับที่ \($0)" }.map { " " + $0 } ?? "" }
    static func sheetLabelEnglish(_ number: Int?) -> String { number.map { " no. \($0)" } ?? "" }

    mutating func kind(of name: String, line: Int) -> PlanItemKind {
        if let kind = PlanItemKind.recognize(fromName: name) { return kind }
        findings.append(ImportFinding(severity: .info, code: "item.kind.unknown", line: line, message: LocalizedText(
            th: "“\(name)” ไม่ได้ขึ้นต้นด้วย โครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติ จึงถือเป็นโครงการ",
            en: "“\(name)” does not begin with โครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติ; it was taken as a project")))
        return .project
    }

    /// An item made from a sheet that has no table row; its mission is the sheet's own heading,
    /// else `inferredMission` (from its neighbours in the sheet order).
    mutating func item(from sheet: ParsedSheet, order: Int, plan: Plan, oneYear: Bool, inferredMission: String? = nil) -> PlanItem {
        let projectSheet = sheet.makeSheet()
        // With no table row, the budget comes from the sheet, when it settles each year.
        let reading = SheetBudgetReading.read(projectSheet.budgetText, years: plan.fiscalYears)
        let budgets = reading.perYear
        checkOwnTotal(reading, sheet: sheet, plan: plan)
        if !oneYear, reading.form == .single, let total = reading.statedTotal {
            findings.append(ImportFinding(severity: .warning, code: "sheet.budget.unsplit", line: sheet.fields[.budget]?.first?.line ?? sheet.line, message: LocalizedText(
                th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ระบุงบประมาณ \(total.formatted()) บาท โดยไม่แยกรายปี จึงยังไม่ได้ใส่งบประมาณรายปี",
                en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” states \(total.formatted()) baht without years; no yearly budget was set")))
        }
        let missionCode = (sheet.missionCode ?? inferredMission).flatMap { plan.mission(code: $0) != nil ? $0 : nil }
        return PlanItem(kind: kind(of: sheet.name, line: sheet.line), name: sheet.name, missionCode: missionCode,
                        subMissionCode: missionCode == nil ? nil : sheet.subMissionCode, order: order,
                        responsibleUnit: projectSheet.responsible, budgets: budgets, sheet: projectSheet, months: sheet.months)
    }

    // MARK: - Organization, years, title

    static func organizationFacts(cover: [SourceLine], all: [SourceLine]) -> ImportedOrganization {
        var facts = ImportedOrganization()
        let name = cover.lazy.compactMap { organizationName(in: $0.text) }.first ?? mostFrequentOrganizationName(all)
        if let name {
            facts.name = name
            facts.kind = OrganizationKind.recognize(inName: name)
        }
        for line in cover {
            if facts.district.isEmpty, let district = word(after: "อำเภอ", in: line.text) { facts.district = district }
            if facts.province.isEmpty, let province = word(after: "จังหวัด", in: line.text) { facts.province = province }
            if facts.website.isEmpty, let website = website(in: line.text) { facts.website = website }
            if facts.phone.isEmpty, let phone = phone(in: line.text) { facts.phone = phone }
        }
        return facts
    }

    static let kindsLongestFirst = OrganizationKind.allCases.sorted { $0.thaiName.count > $1.thaiName.count }

    /// "ขององค์การบริหารส่วนตำบลบ้านโป่ง" → "องค์การบริหารส่วนตำบลบ้านโป่ง"; "อบต.บ้านผือ" → full name.
    /// Only a name that ends the line or is followed by a space counts, so that running text
    /// ("…บ้านโป่งได้จัดทำแผน…") is not mistaken for a name.
    static func organizationName(in text: String) -> String? {
        for kind in kindsLongestFirst {
            for form in [kind.thaiName, kind.thaiAbbreviation] {
                guard let range = ImportText.find(form, in: text) else { continue }
                if kind == .bangkok || kind == .pattaya { return kind.thaiName }
                let after = text[range.upperBound...]
                let place = ImportText.trimmedStart(after).prefix(while: { !$0.isWhitespace && !"(),:;“”\"".contains($0) })
                let placeCount = place.count
                guard placeCount >= 2, placeCount <= 25, !ImportText.starts(place, with: "ระบุ"), ImportText.containsThai(place) else { continue }
                return kind.thaiName + place
            }
        }
        return nil
    }

    static func mostFrequentOrganizationName(_ lines: [SourceLine]) -> String? {
        var counts: [String: Int] = [:]
        for line in lines.prefix(3_000) {
            if let name = organizationName(in: line.text) { counts[name, default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    static func word(after prefix: String, in text: String) -> String? {
        guard let range = ImportText.find(prefix, in: text) else { return nil }
        let word = text[range.upperBound...].prefix(while: { !$0.isWhitespace && !"(),".contains($0) })
        guard word.count >= 2, word.count <= 30, !ImportText.starts(word, with: "ระบุ") else { return nil }
        return String(word)
    }

    static func website(in text: String) -> String? {
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            let lower = token.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "<>()[]“”\","))
            if ImportText.starts(lower, with: "www.") || ImportText.starts(lower, with: "http://") || ImportText.starts(lower, with: "https://") || ImportText.ends(lower, with: ".go.th") || ImportText.ends(lower, with: ".go.th/") {
                guard !ImportText.has(lower, "nacc.go.th") else { continue }
                return lower
            }
        }
        return nil
    }

    /// A line that is a telephone number (possibly after "โทร"): 9–10 digits starting with 0.
    static func phone(in text: String) -> String? {
        var body = ImportText.arabic(text)
        for prefix in ["โทรศัพท์", "โทร.", "โทร", "Tel.", "Tel"] where ImportText.starts(body, with: prefix) {
            body = ImportText.clean(body.dropFirst(prefix.count).drop(while: { $0 == ":" || $0 == " " }))
        }
        let digits = body.filter { $0.isASCII && $0.isNumber }
        guard body.allSatisfy({ ($0.isASCII && $0.isNumber) || " -–,/".contains($0) }), (9...10).contains(digits.count), ImportText.starts(digits, with: "0") else { return nil }
        return ImportText.clean(body)
    }

    static func digitStyle(_ lines: [SourceLine]) -> DigitStyle {
        var thai = 0, arabic = 0
        for line in lines {
            for scalar in line.text.unicodeScalars {
                if (0x30...0x39).contains(scalar.value) { arabic += 1 } else if (0x0E50...0x0E59).contains(scalar.value) { thai += 1 }
            }
        }
        return thai > arabic ? .thai : .arabic
    }

    /// Years written "พ.ศ. 2566 – 2570", "ประจำปี พ.ศ. ๒๕๖๘", "ปีงบประมาณ 2568".
    static func years(in text: String) -> (FiscalYear, FiscalYear)? {
        let scalars = Array(ImportText.arabic(text).unicodeScalars)
        var found: [(Int, Int)] = [] // (year, index after it)
        var index = 0
        while index + 4 <= scalars.count {
            if (index == 0 || !(0x30...0x39).contains(scalars[index - 1].value)),
               scalars[index..<(index + 4)].allSatisfy({ (0x30...0x39).contains($0.value) }),
               index + 4 == scalars.count || !(0x30...0x39).contains(scalars[index + 4].value) {
                let value = scalars[index..<(index + 4)].reduce(0) { $0 * 10 + Int($1.value - 0x30) }
                if FiscalYear.plausibleRange.contains(value) { found.append((value, index + 4)) }
                index += 4
                continue
            }
            index += 1
        }
        guard let first = found.first else { return nil }
        if found.count >= 2 {
            let between = scalars[first.1..<(found[1].1 - 4)]
            if between.count <= 5, between.allSatisfy({ ImportText.isSpace($0) || "-–—ถึง".unicodeScalars.contains($0) }), found[1].0 > first.0, found[1].0 - first.0 <= 10 {
                return (FiscalYear(first.0), FiscalYear(found[1].0))
            }
        }
        return (FiscalYear(first.0), FiscalYear(first.0))
    }

    static func planYears(cover: [SourceLine], tableYears: [FiscalYear], all: [SourceLine]) -> [FiscalYear] {
        for line in cover where ImportText.has(line.text, "พ.ศ") || ImportText.has(line.text, "ประจำปี") || ImportText.has(line.text, "ปีงบประมาณ") {
            if let (first, last) = years(in: line.text) { return [first, last] }
        }
        if let first = tableYears.min(), let last = tableYears.max() { return [first, last] }
        for line in all.prefix(200) where ImportText.has(line.text, "พ.ศ") {
            if let (first, last) = years(in: line.text) { return [first, last] }
        }
        return [PlanCatalog.cycle2566.firstYear, PlanCatalog.cycle2566.lastYear]
    }

    /// The cycle whose years contain the plan's, unless the dimension names say otherwise.
    static func template(for years: [FiscalYear], lines: [SourceLine]) -> PlanTemplate {
        let byYear = PlanCatalog.template(covering: years.first ?? PlanCatalog.cycle2566.firstYear)
        var scores: [String: Int] = [:]
        for line in lines.prefix(4_000) where ImportText.has(line.text, "มิติ") || ImportText.starts(line.text, with: "1.") || ImportText.starts(line.text, with: "2.") || ImportText.starts(line.text, with: "4.") {
            for template in PlanCatalog.templates {
                for dimension in template.dimensions where ImportText.has(line.text, dimension.name) {
                    // Only names that differ between cycles tell them apart.
                    if PlanCatalog.templates.filter({ $0.dimensions.contains { $0.name == dimension.name } }).count == 1 {
                        scores[template.id, default: 0] += 1
                    }
                }
            }
        }
        if let best = scores.max(by: { $0.value < $1.value }), best.value > (scores[byYear.id] ?? 0), let template = PlanCatalog.template(id: best.key) {
            return template
        }
        return byYear
    }

    /// The cover's title lines, from the first naming the plan or report through the line naming
    /// the organization.
    static func title(cover: [SourceLine], organizationName: String) -> String? {
        guard let start = cover.firstIndex(where: { ImportText.starts($0.text, with: "แผน") || ImportText.starts($0.text, with: "รายงาน") }) else { return nil }
        var parts: [String] = []
        for line in cover[start...].prefix(6) {
            parts.append(line.text)
            if !organizationName.isEmpty && ImportText.has(line.text, organizationName) { break }
        }
        let title = parts.joined(separator: " ")
        return title.count <= 400 ? title : String(title.prefix(400))
    }

    // MARK: - Part 1

    mutating func readPart1(_ lines: [SourceLine], into plan: inout Plan) {
        enum Sub { case none, rationale, objectives, goals, benefits, risk }
        var sub = Sub.none
        var rationale: [String] = []
        var objectives: [SourceLine] = []
        var benefits: [SourceLine] = []
        for line in lines {
            if let marker = ImportText.marker(Substring(line.text)), marker.style == .dot, marker.numbers.count == 1 {
                let rest = String(marker.rest)
                let next: Sub? = ImportText.starts(rest, with: "หลักการ") ? .rationale : ImportText.starts(rest, with: "วัตถุประสงค์") ? .objectives
                    : ImportText.starts(rest, with: "เป้าหมาย") ? .goals : ImportText.starts(rest, with: "ประโยชน์") ? .benefits
                    : ImportText.starts(rest, with: "การประเมินความเสี่ยง") ? .risk : nil
                if let next, rest.count < 60 {
                    sub = next
                    continue
                }
            }
            switch sub {
            case .rationale: rationale.append(line.text)
            case .objectives: objectives.append(line)
            case .benefits: benefits.append(line)
            default: break
            }
        }
        plan.frontMatter.rationale = rationale.joined(separator: "\n")
        plan.frontMatter.objectives = SheetParser.listItems(objectives)
        plan.frontMatter.benefits = SheetParser.listItems(benefits)
    }

    // MARK: - Missions

    /// Places the table's missions in the plan: by code when the catalog has it, else by wording,
    /// else as the plan's own mission. Returns the document's codes mapped to the plan's.
    mutating func resolveMissions(_ missions: [TableMission], dimensionNames: [Int: (name: String, line: Int)], plan: inout Plan) -> [String: String] {
        var codes: [String: String] = [:]
        for (number, found) in dimensionNames.sorted(by: { $0.key < $1.key }) where plan.dimension(number: number) == nil {
            plan.dimensions.append(Dimension(number: number, name: found.name, missions: []))
            findings.append(ImportFinding(severity: .warning, code: "dimension.unknown", line: found.line, message: LocalizedText(
                th: "มิติที่ \(number) “\(found.name)” ไม่มีในแม่แบบของแผน จึงเพิ่มเป็นมิติของแผนนี้",
                en: "Dimension \(number) “\(found.name)” is not in the plan template; it was added to this plan")))
        }
        for (index, mission) in missions.enumerated() {
            let key = mission.code ?? "?\(index + 1)"
            if let code = mission.code, plan.mission(code: code) != nil {
                codes[key] = code
                continue
            }
            guard !ImportText.compact(mission.name).isEmpty else {
                // Known only by the code of its sub-missions, and not in the catalog: not made up.
                findings.append(ImportFinding(severity: .warning, code: "mission.unknown", line: mission.line, message: LocalizedText(
                    th: "ภารกิจ \(mission.code ?? "") ไม่มีชื่อในตารางและไม่มีในแม่แบบ รายการใต้ภารกิจนี้จึงยังไม่ได้ระบุภารกิจ",
                    en: "Mission \(mission.code ?? "") has no name in the table and is not in the template; its items were left without a mission")))
                continue
            }
            // By wording, within the dimension when it is known.
            let candidates = plan.dimensions.filter { mission.dimension == nil || $0.number == mission.dimension }.flatMap(\.missions)
            let target = ImportText.compact(mission.name)
            let best = candidates.map { ($0, NameMatcher.similarity(ImportText.compact($0.name), target)) }.max { $0.1 < $1.1 }
            if let best, best.1 >= 0.6 {
                codes[key] = best.0.code
                continue
            }
            guard let dimensionNumber = mission.dimension ?? mission.code.flatMap(Mission.dimensionNumber(ofCode:)),
                  let dimensionIndex = plan.dimensions.firstIndex(where: { $0.number == dimensionNumber }) else { continue }
            var code = mission.code ?? ""
            if code.isEmpty || plan.mission(code: code) != nil {
                code = "\(dimensionNumber).\(plan.dimensions[dimensionIndex].missions.count + 1)"
            }
            plan.dimensions[dimensionIndex].missions.append(Mission(code: code, name: mission.name, isCustom: true))
            codes[key] = code
            findings.append(ImportFinding(severity: .info, code: "mission.custom", line: mission.line, message: LocalizedText(
                th: "ภารกิจ \(code) “\(mission.name)” ไม่ตรงกับแม่แบบ จึงเพิ่มเป็นภารกิจของแผนนี้",
                en: "Mission \(code) “\(mission.name)” does not match the template; it was added as this plan's own mission")))
        }
        // Sub-missions as the table writes them: the document's wording wins over the catalog's.
        for (index, mission) in missions.enumerated() where !mission.subMissions.isEmpty {
            let key = mission.code ?? "?\(index + 1)"
            guard let code = codes[key], let documentCode = mission.code else { continue }
            for sub in mission.subMissions {
                let planCode = code + sub.code.dropFirst(documentCode.count)
                codes[sub.code] = planCode
                guard let d = plan.dimensions.firstIndex(where: { $0.missions.contains { $0.code == code } }),
                      let m = plan.dimensions[d].missions.firstIndex(where: { $0.code == code }) else { continue }
                if let s = plan.dimensions[d].missions[m].subMissions.firstIndex(where: { $0.code == planCode }) {
                    if !sub.name.isEmpty { plan.dimensions[d].missions[m].subMissions[s].name = sub.name }
                } else if !sub.name.isEmpty {
                    plan.dimensions[d].missions[m].subMissions.append(SubMission(code: planCode, name: sub.name))
                }
            }
        }
        return codes
    }

    func linkRisks(_ risks: [RiskArea], items: [PlanItem], matcher: NameMatcher) -> [RiskArea] {
        let keys = items.map { matcher.key($0.name) }
        return risks.map { risk in
            var linked = risk
            var ids: [UUID] = []
            for measure in risk.controlMeasures {
                let key = matcher.key(measure)
                if let best = keys.enumerated().map({ ($0.offset, NameMatcher.similarity($0.element, key)) }).max(by: { $0.1 < $1.1 }), best.1 >= 0.8,
                   !ids.contains(items[best.0].id) {
                    ids.append(items[best.0].id)
                }
            }
            linked.linkedItemIDs = ids
            return linked
        }
    }

    // MARK: - Checks

    /// Field 7 against the item's budget row, by the same rule the validator applies to plans
    /// written in Sujarit (`PlanItem.budgetTextDisagreement`).
    mutating func checkSheetBudget(_ sheet: ParsedSheet, item: PlanItem, plan: Plan) {
        let text = sheet.text(.budget)
        let reading = SheetBudgetReading.read(text, years: plan.fiscalYears)
        checkOwnTotal(reading, sheet: sheet, plan: plan)
        if reading.form == .yearly || reading.form == .listedByYear {
            // Figures by year: compared year by year with the row.
            let (years, total) = reading.disagreements(with: item.budgets, years: plan.fiscalYears)
            let line = sheet.fields[.budget]?.first?.line ?? sheet.line
            if !years.isEmpty {
                let th = years.map { "ปี \($0.be) แผ่นระบุ \(Self.shown(reading.perYear[$0])) ตารางระบุ \(Self.shown(item.budgets[$0]))" }.joined(separator: "; ")
                let en = years.map { "\($0.be): sheet \(Self.shown(reading.perYear[$0])), table \(Self.shown(item.budgets[$0]))" }.joined(separator: "; ")
                findings.append(ImportFinding(severity: .warning, code: "sheet.budget.mismatch", line: line, message: LocalizedText(
                    th: "งบประมาณในรายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ไม่ตรงกับตารางแผน: \(th)",
                    en: "The budget in project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” differs from the plan table: \(en)")))
            } else if let total, !reading.ownTotalDisagrees(years: plan.fiscalYears) {
                let sum = plan.fiscalYears.reduce(Money.zero) { $0 + (item.budgets[$1]?.countedAmount ?? .zero) }
                findings.append(ImportFinding(severity: .warning, code: "sheet.budget.mismatch", line: line, message: LocalizedText(
                    th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ระบุรวม \(total.formatted()) บาท แต่ตารางแผนรวมได้ \(sum.formatted()) บาท",
                    en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” states \(total.formatted()) baht in all, but the plan table adds up to \(sum.formatted()) baht")))
            }
            return
        }
        guard let disagreement = item.budgetTextDisagreement(text, years: plan.fiscalYears) else { return }
        let line = sheet.fields[.budget]?.first?.line ?? sheet.line
        if let amount = disagreement.stated {
            findings.append(ImportFinding(severity: .warning, code: "sheet.budget.mismatch", line: line, message: LocalizedText(
                th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ระบุงบประมาณ \(amount.formatted()) บาท แต่ตารางแผนระบุ \(disagreement.tableThai)",
                en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” states a budget of \(amount.formatted()) baht, but the plan table says \(disagreement.tableEnglish)")))
        } else {
            findings.append(ImportFinding(severity: .warning, code: "sheet.budget.mismatch", line: line, message: LocalizedText(
                th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ระบุว่าไม่ใช้งบประมาณ แต่ตารางแผนระบุ \(disagreement.tableThai)",
                en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” states no budget, but the plan table says \(disagreement.tableEnglish)")))
        }
    }

    static func shown(_ entry: BudgetEntry?) -> String {
        switch entry {
        case .amount(let money)?: money.formatted()
        case .noBudget?, nil: "-"
        }
    }

    /// "ปีละ 20,000 บาท รวม 90,000 บาท" in a five-year plan: the sheet disagrees with itself.
    mutating func checkOwnTotal(_ reading: SheetBudgetReading, sheet: ParsedSheet, plan: Plan) {
        guard reading.ownTotalDisagrees(years: plan.fiscalYears), let total = reading.statedTotal else { return }
        let sum = plan.fiscalYears.reduce(Money.zero) { $0 + (reading.perYear[$1]?.countedAmount ?? .zero) }
        findings.append(ImportFinding(severity: .warning, code: "sheet.budget.total", line: sheet.fields[.budget]?.first?.line ?? sheet.line, message: LocalizedText(
            th: "รายละเอียดโครงการ\(Self.sheetLabel(sheet.number)) “\(sheet.name)” ระบุรวม \(total.formatted()) บาท แต่งบประมาณรายปีที่ระบุรวมได้ \(sum.formatted()) บาท",
            en: "Project sheet\(Self.sheetLabelEnglish(sheet.number)) “\(sheet.name)” states \(total.formatted()) baht in all, but its yearly figures add up to \(sum.formatted()) baht")))
    }

    mutating func checkStatedCounts(lines: [SourceLine], tableItems: [PlanItem], table: PlanTableParser) {
        guard !tableItems.isEmpty else { return }
        let computedTotal = tableItems.count
        let perDimension = Dictionary(grouping: table.items, by: { $0.dimension ?? 0 }).mapValues(\.count)
        for line in lines {
            guard let stated = PlanTableParser.statedCount(line.text) else { continue }
            if ImportText.starts(line.text, with: "มิติที่"), let (number, _) = ImportText.leadingNumber(ImportText.trimmedStart(line.text.dropFirst("มิติที่".count)), maxDigits: 2) {
                let computed = perDimension[number] ?? 0
                if stated != computed {
                    findings.append(ImportFinding(severity: .warning, code: "count.stated.dimension", line: line.line, message: LocalizedText(
                        th: "ข้อความระบุว่ามิติที่ \(number) มี \(stated) โครงการ แต่ตารางแผนมี \(computed) โครงการ",
                        en: "The text states \(stated) projects in dimension \(number), but the plan table lists \(computed)")))
                }
            } else if ImportText.has(line.text, "ทั้งสิ้น") || ImportText.has(line.text, "รวม") {
                if stated != computedTotal {
                    findings.append(ImportFinding(severity: .warning, code: "count.stated.total", line: line.line, message: LocalizedText(
                        th: "ข้อความระบุว่ามีทั้งสิ้น \(stated) โครงการ แต่ตารางแผนมี \(computedTotal) โครงการ",
                        en: "The text states \(stated) projects in all, but the plan table lists \(computedTotal)")))
                }
            }
        }
    }

    mutating func checkTotals(_ table: PlanTableParser, tableItems: [PlanItem], plan: Plan) {
        let years = plan.fiscalYears
        func computed(dimension: Int?) -> [FiscalYear: Money] {
            var totals: [FiscalYear: Money] = [:]
            for (index, item) in table.items.enumerated() where dimension == nil || item.dimension == dimension {
                for year in years { totals[year, default: .zero] += tableItems[index].budgets[year]?.countedAmount ?? .zero }
            }
            return totals
        }
        func compare(_ stated: StatedTotal, label: LocalizedText, code: String) {
            let itemCount = stated.dimension.map { number in table.items.filter { $0.dimension == number }.count } ?? table.items.count
            if let count = stated.count, count != itemCount {
                findings.append(ImportFinding(severity: .warning, code: code + ".count", line: stated.countLine ?? stated.line, message: LocalizedText(
                    th: "\(label.th) ระบุ จำนวน \(count) โครงการ แต่ตารางมี \(itemCount) โครงการ",
                    en: "\(label.en) states \(count) projects, but the table lists \(itemCount)")))
            }
            let sums = computed(dimension: stated.dimension)
            // Years with the same stated and computed figures are reported together.
            var groups: [String: (stated: String, computed: Money, years: [Int])] = [:]
            var order: [String] = []
            for year in years {
                guard let text = stated.budgetText[year] else { continue }
                let statedAmount = stated.budgets[year]?.countedAmount
                let sum = sums[year] ?? .zero
                guard statedAmount != sum else { continue }
                let shown = text.isEmpty ? "(ว่าง)" : text
                let key = "\(shown)|\(sum.satang)"
                if groups[key] == nil { order.append(key); groups[key] = (shown, sum, []) }
                groups[key]!.years.append(year.be)
            }
            for key in order {
                let group = groups[key]!
                let yearList = group.years.map(String.init).joined(separator: ", ")
                findings.append(ImportFinding(severity: .warning, code: code + ".budget", line: stated.line, message: LocalizedText(
                    th: "\(label.th) ปี \(yearList) ระบุงบประมาณ “\(group.stated)” แต่รวมจากรายการได้ \(group.computed.formatted()) บาท",
                    en: "\(label.en) for \(yearList) states “\(group.stated)”, but the items add up to \(group.computed.formatted()) baht")))
            }
        }
        for subtotal in table.subtotals {
            let label = subtotal.dimension.map { LocalizedText(th: "แถวรวมของมิติที่ \($0)", en: "The subtotal of dimension \($0)") }
                ?? LocalizedText(th: "แถวรวม", en: "A subtotal row")
            compare(subtotal, label: label, code: "subtotal")
        }
        if let total = table.grandTotal {
            compare(total, label: LocalizedText(th: "แถวรวมทั้งสิ้น", en: "The grand total"), code: "total")
        }
    }

    /// The table's item numbers cut where numbering starts again at 1 under a new mission or
    /// dimension; one run when the numbers continue through the table.
    static func numberRuns(_ items: [TableItem]) -> [[(Int, Int)]] {
        var runs: [[(Int, Int)]] = []
        var current: [(Int, Int)] = []
        var group: String?
        for item in items {
            guard let number = item.number else { continue }
            let itemGroup = item.missionCode ?? item.dimension.map { "d\($0)" } ?? ""
            if number == 1, !current.isEmpty, itemGroup != group { runs.append(current); current = [] }
            current.append((number, item.line))
            group = itemGroup
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    enum NumberedThing { case item, sheet }

    mutating func checkNumbering(_ numbers: [(Int, Int)], what: NumberedThing) {
        guard numbers.count >= 2 else { return }
        let thai = what == .item ? "ลำดับรายการในตารางแผน" : "ลำดับที่ของรายละเอียดโครงการ"
        let english = what == .item ? "plan-table item number" : "project sheet number"
        let code = what == .item ? "item.number" : "sheet.number"
        var seen: [Int: Int] = [:]
        for (number, line) in numbers {
            if seen[number] != nil {
                findings.append(ImportFinding(severity: .warning, code: code + ".duplicate", line: line, message: LocalizedText(
                    th: "\(thai) \(number) ซ้ำ", en: "The \(english) \(number) is used twice")))
            } else {
                seen[number] = line
            }
        }
        let values = numbers.map(\.0)
        guard let low = values.min(), let high = values.max(), high - low < 2_000 else { return }
        let present = Set(values)
        let start = min(low, 1)
        for missing in start...high where !present.contains(missing) && missing >= 1 {
            let before = numbers.last(where: { $0.0 < missing })?.1 ?? numbers.first?.1
            findings.append(ImportFinding(severity: .warning, code: code + ".missing", line: before, message: LocalizedText(
                th: "\(thai)ข้ามเลข \(missing)", en: "The \(english) \(missing) is missing from the sequence")))
        }
    }

    mutating func checkPlaceholders(_ lines: [SourceLine]) {
        var count = 0
        for line in lines where ImportText.has(line.text, "ระบุ") {
            guard let range = ImportText.find("ระบุ", in: line.text) else { continue }
            let after = line.text[range.upperBound...]
            guard ImportText.starts(after, with: "ชื่อ") || ImportText.starts(after, with: "งค์") || ImportText.starts(after, with: "องค์") || ImportText.starts(after, with: "อปท") || ImportText.starts(after, with: " ชื่อ") else { continue }
            count += 1
            if count > 30 { continue }
            let start = line.text.index(range.lowerBound, offsetBy: -min(20, line.text.distance(from: line.text.startIndex, to: range.lowerBound)))
            let excerpt = String(line.text[start...].prefix(60))
            findings.append(ImportFinding(severity: .warning, code: "template.placeholder", line: line.line, message: LocalizedText(
                th: "ข้อความจากแม่แบบที่ยังไม่ได้แก้: “…\(excerpt)…”", en: "Template text left unfilled: “…\(excerpt)…”")))
        }
        if count > 30 {
            findings.append(ImportFinding(severity: .warning, code: "template.placeholder", line: nil, message: LocalizedText(
                th: "และข้อความจากแม่แบบอีก \(count - 30) แห่ง", en: "and \(count - 30) more places with template text")))
        }
    }
}
