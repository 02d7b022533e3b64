import Foundation
import SujaritCore

/// ซ่อมข้อความที่เสียจากการแปลง PDF — undoes what PDF text extraction does to Thai, before the
/// text is read:
/// - sara am written as nikhahit + sara aa (`ํา`) becomes `ำ`;
/// - a space before a vowel or tone mark that can never begin a syllable (`ท ี่`) is removed;
/// - when sara am is missing from the whole document (the font had no mapping for it), the
///   words the importer depends on (ลำดับที่, จำนวน, ดำเนินการ, ตำบล, คำนำ …) get it back.
///
/// - sara am read as sara aa (its nikhahit lost: "ดาเนินการ", "ลาดับที่") and ป้ read as ปู
///   ("ปูองกัน") are undone in known words whose damaged form is no Thai word.
///
/// Only known words are restored and only spaces that cannot be right are removed, so a repair
/// never joins two lines or makes a line look like an item that was not one.
public enum TextRepair {
    public struct Report: Hashable, Sendable {
        public var decomposedSaraAm = 0
        public var spacesBeforeMarks = 0
        public var restoredSaraAm = 0
        public var misplacedToneMarks = 0
        /// Words whose sara am had become sara aa, or whose ป้ had become ปู.
        public var restoredLetters = 0
        /// The text sets its tables out in columns of spaces, as text copied from a PDF does:
        /// its rows cannot be told apart reliably, so the table is not rebuilt from it.
        public var laidOutColumns = false
        /// Plan tables laid out in spaces that were rebuilt into rows (`LayoutTable`).
        public var rebuiltLayoutTables = 0
        public var isEmpty: Bool { decomposedSaraAm == 0 && spacesBeforeMarks == 0 && restoredSaraAm == 0 && misplacedToneMarks == 0 && restoredLetters == 0 }
    }

    /// Vowels and tone marks that never begin a syllable: ะ ั า ำ ิ ี ึ ื ุ ู ฺ ๅ ็ ่ ้ ๊ ๋ ์ ํ ๎.
    static func isFollowingMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E30...0x0E3A, 0x0E45, 0x0E47...0x0E4E: true
        default: false
        }
    }

    static func isThai(_ scalar: Unicode.Scalar) -> Bool { (0x0E01...0x0E5B).contains(scalar.value) }

    /// Words with sara am as they read without it, and the word. Each damaged form is not a Thai
    /// word of its own (and not part of one), so restoring it cannot change a correct text.
    static let saraAmWords: [(String, String)] = [
        ("ลดับที่", "ลำดับที่"), ("ลดับ", "ลำดับ"), ("จนวน", "จำนวน"), ("ดเนิน", "ดำเนิน"), ("กหนด", "กำหนด"), ("สนักงาน", "สำนักงาน"),
        ("สนักปลัด", "สำนักปลัด"), ("ประจปี", "ประจำปี"), ("ประจเดือน", "ประจำเดือน"), ("ประจไตรมาส", "ประจำไตรมาส"),
        ("สคัญ", "สำคัญ"), ("สหรับ", "สำหรับ"), ("กกับดูแล", "กำกับดูแล"), ("กกับติดตาม", "กำกับติดตาม"), ("ทงาน", "ทำงาน"), ("จัดท", "จัดทำ"), ("อเภอ", "อำเภอ"),
        ("ตบล", "ตำบล"), ("ลปาง", "ลำปาง"), ("สเร็จ", "สำเร็จ"), ("จเป็น", "จำเป็น"), ("คสั่ง", "คำสั่ง"), ("ตแหน่ง", "ตำแหน่ง"),
        ("สรวจ", "สำรวจ"), ("ชระ", "ชำระ"), ("สเนา", "สำเนา"), ("จกัด", "จำกัด"), ("ดรง", "ดำรง"), ("คนวณ", "คำนวณ"),
        ("คร้อง", "คำร้อง"), ("ทความเข้าใจ", "ทำความเข้าใจ"), ("แนะน", "แนะนำ"), ("กลังคน", "กำลังคน"),
    ]

    /// Words as they read when sara am lost its nikhahit (ำ → า) or ป้ was read as ปู; none of
    /// the damaged forms is a Thai word or the start of one, so restoring them cannot harm.
    static let misreadWords: [(String, String)] = [
        ("ลาดับที่", "ลำดับที่"), ("ลาดับ", "ลำดับ"), ("ดาเนิน", "ดำเนิน"), ("จานวน", "จำนวน"), ("สานัก", "สำนัก"), ("กาหนด", "กำหนด"),
        ("ประจาปี", "ประจำปี"), ("สาหรับ", "สำหรับ"), ("สาคัญ", "สำคัญ"), ("อาเภอ", "อำเภอ"), ("ตาบล", "ตำบล"), ("สาเร็จ", "สำเร็จ"),
        ("คาสั่ง", "คำสั่ง"), ("ตาแหน่ง", "ตำแหน่ง"), ("เจตจานง", "เจตจำนง"), ("จัดทาแผน", "จัดทำแผน"), ("จัดทาโครงการ", "จัดทำโครงการ"),
        ("จัดทารายงาน", "จัดทำรายงาน"), ("จัดทาคู่มือ", "จัดทำคู่มือ"), ("จัดทาข้อ", "จัดทำข้อ"), ("ทาความ", "ทำความ"), ("กากับ", "กำกับ"),
        ("ปูองกัน", "ป้องกัน"), ("ปูองปราม", "ป้องปราม"), ("ปูาย", "ป้าย"), ("ปูอน", "ป้อน"), ("เปูาหมาย", "เป้าหมาย"),
        // The same with a space after the misread vowel, as `pdftotext -layout` sets it
        // ("ปู องกัน", "กลุ่มเปู าหมาย"); "ปู" + space + "อง"/"า" is no Thai text either.
        ("ปู องกัน", "ป้องกัน"), ("ปู าย", "ป้าย"), ("เปู าหมาย", "เป้าหมาย"),
        // A space the extraction put inside a word after sara ii ("ปี ละ", "ปี งบประมาณ").
        ("ปี ละ", "ปีละ"), ("ปี งบประมาณ", "ปีงบประมาณ"),
        // A tone mark drawn after the final consonant behind sara i / ue ("ทัง้" is repaired by
        // rule; after these vowels the same order is also a real syllable, "มีส่วน", so only
        // known words are).
        ("สิน้", "สิ้น"), ("ขึน้", "ขึ้น"), ("ชีว้", "ชี้ว"), ("ขัน้", "ขั้น"),
    ]

    /// What a text needs: whether it has sara am in two parts, spaces before marks, or no sara
    /// am at all although it is long Thai text.
    struct Needs {
        var nikhahit = false
        var spaceBeforeMark = false
        var lostSaraAm = false
        var misread = false
        var any: Bool { nikhahit || spaceBeforeMark || lostSaraAm || misread }
    }

    static func needs(_ text: String) -> Needs {
        var needs = Needs()
        var saraAm = 0, thaiLetters = 0
        var previous: Unicode.Scalar = " "
        var beforePrevious: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if scalar == "\u{0E4D}" { needs.nikhahit = true; saraAm += 1 }
            if scalar == "\u{0E33}" { saraAm += 1 }
            if (0x0E01...0x0E2E).contains(scalar.value) { thaiLetters += 1 }
            if previous == " " && isFollowingMark(scalar) && isThai(beforePrevious) { needs.spaceBeforeMark = true }
            if previous == " " && (0x0E01...0x0E2E).contains(scalar.value) && (beforePrevious == "\u{0E31}" || beforePrevious == "\u{0E47}") { needs.spaceBeforeMark = true }
            if (0x0E48...0x0E4B).contains(scalar.value) && (0x0E01...0x0E2E).contains(previous.value) && beforePrevious == "\u{0E31}" { needs.spaceBeforeMark = true }
            if (0x0E34...0x0E37).contains(scalar.value) && previous == "\u{0E2D}" && (0x0E48...0x0E4B).contains(beforePrevious.value) { needs.spaceBeforeMark = true }
            if (0x0E48...0x0E4B).contains(scalar.value) && previous == "\u{0E32}" { needs.spaceBeforeMark = true }
            beforePrevious = previous
            previous = scalar
        }
        // Sara am is about one Thai letter in a hundred; a long text with (almost) none lost it.
        needs.lostSaraAm = thaiLetters >= 2_000 && saraAm * 1_000 < thaiLetters
        // (Searched as whole letters: a String search for a piece that begins with a combining
        // mark finds nothing.)
        needs.misread = ["าเนิน", "ลาดับ", "จานวน", "สานัก", "ปูอง", "ปู อง", "เปูา", "เปู า", "ปู าย", "าหนด", "สิน้", "ขึน้", "ชีว้", "ขัน้"].contains { text.range(of: $0, options: .literal) != nil }
        return needs
    }

    /// The text repaired, and what was done.
    public static func repair(_ text: String) -> (text: String, report: Report) {
        var report = Report()
        let needs = needs(text)
        guard needs.any else { return (text, report) }
        return (apply(text, lostSaraAm: needs.lostSaraAm, misread: needs.misread, report: &report), report)
    }

    /// Repairs every text of the blocks (DOCX and HTML made from PDFs carry the same damage).
    static func repair(_ blocks: [DocumentBlock]) -> (blocks: [DocumentBlock], report: Report) {
        var all = ""
        for block in blocks {
            switch block {
            case .heading(let text), .paragraph(let text), .listItem(let text): all += text.text + "\n"
            case .table(let table): for cell in table.cells { all += cell.lines.joined(separator: "\n") + "\n" }
            }
        }
        var report = Report()
        let needs = needs(all)
        guard needs.any else { return (blocks, report) }
        func fix(_ text: String) -> String { apply(text, lostSaraAm: needs.lostSaraAm, misread: needs.misread, report: &report) }
        let repaired = blocks.map { block -> DocumentBlock in
            switch block {
            case .heading(var text): text.text = fix(text.text); return .heading(text)
            case .paragraph(var text): text.text = fix(text.text); return .paragraph(text)
            case .listItem(var text): text.text = fix(text.text); return .listItem(text)
            case .table(var table):
                for row in table.rows.indices {
                    for cell in table.rows[row].cells.indices { table.rows[row].cells[cell].lines = table.rows[row].cells[cell].lines.map(fix) }
                }
                return .table(table)
            }
        }
        return (repaired, report)
    }

    static func apply(_ text: String, lostSaraAm: Bool, misread: Bool = false, report: inout Report) -> String {
        let scalars = text.unicodeScalars
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var written = 0
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if scalar == "\u{0E4D}", next != scalars.endIndex, scalars[next] == "\u{0E32}" {
                out.append("\u{0E33}")
                written += 1
                report.decomposedSaraAm += 1
                index = scalars.index(after: next)
                continue
            }
            // "ทัง้" → "ทั้ง": the tone mark belongs before the final consonant after mai han-akat.
            // (`out.count` walks the whole view: the length is kept in `written` instead.)
            if (0x0E48...0x0E4B).contains(scalar.value), written >= 3 {
                let last = out[out.index(before: out.endIndex)]
                let vowel = out[out.index(out.endIndex, offsetBy: -2)]
                if vowel == "\u{0E31}", (0x0E01...0x0E2E).contains(last.value) {
                    out.removeLast()
                    out.append(scalar)
                    out.append(last)
                    written += 1
                    report.misplacedToneMarks += 1
                    index = next
                    continue
                }
            }
            // "บา้น" → "บ้าน": a tone mark never follows sara aa; it belongs on the consonant before.
            if (0x0E48...0x0E4B).contains(scalar.value), written >= 2, out[out.index(before: out.endIndex)] == "\u{0E32}",
               (0x0E01...0x0E2E).contains(out[out.index(out.endIndex, offsetBy: -2)].value) {
                out.removeLast()
                out.append(scalar)
                out.append("\u{0E32}")
                written += 1
                report.misplacedToneMarks += 1
                index = next
                continue
            }
            // "ช่อื" → "ชื่อ": an upper vowel pushed past the อ that follows its tone mark.
            if (0x0E34...0x0E37).contains(scalar.value), written >= 3 {
                let last = out[out.index(before: out.endIndex)]
                let tone = out[out.index(out.endIndex, offsetBy: -2)]
                let consonant = out[out.index(out.endIndex, offsetBy: -3)]
                if last == "\u{0E2D}", (0x0E48...0x0E4B).contains(tone.value), (0x0E01...0x0E2E).contains(consonant.value) {
                    out.removeLast(2)
                    out.append(scalar)
                    out.append(tone)
                    out.append(last)
                    written += 1
                    report.misplacedToneMarks += 1
                    index = next
                    continue
                }
            }
            // "ฟั ง", "เป็ น": mai han-akat and mai taikhu always close on a consonant, so a
            // space between them and a Thai consonant is the extraction's, never the writer's.
            if scalar == " " || scalar == "\u{A0}", let last = out.last, last == "\u{0E31}" || last == "\u{0E47}",
               next != scalars.endIndex, (0x0E01...0x0E2E).contains(scalars[next].value) {
                report.spacesBeforeMarks += 1
                index = next
                continue
            }
            if scalar == " " || scalar == "\u{A0}" {
                // Spaces, then a mark that cannot begin a syllable, after Thai: drop the spaces.
                var end = next
                while end != scalars.endIndex, scalars[end] == " " || scalars[end] == "\u{A0}" { end = scalars.index(after: end) }
                if end != scalars.endIndex, isFollowingMark(scalars[end]), let last = out.last, isThai(last) {
                    report.spacesBeforeMarks += 1
                    index = end
                    continue
                }
            }
            out.append(scalar)
            written += 1
            index = next
        }
        var result = String(out)
        if misread {
            // By code units, not letters: the damaged form may end inside a letter of the text
            // ("ชีว้" in "ตัวชีว้ัด", whose ว carries two marks).
            for (damaged, word) in misreadWords where result.range(of: damaged, options: .literal) != nil {
                let nsResult = result as NSString
                var count = 0
                var search = NSRange(location: 0, length: nsResult.length)
                while true {
                    let found = nsResult.range(of: damaged, options: .literal, range: search)
                    guard found.location != NSNotFound else { break }
                    count += 1
                    let next = found.location + found.length
                    search = NSRange(location: next, length: nsResult.length - next)
                }
                report.restoredLetters += count
                result = result.replacingOccurrences(of: damaged, with: word, options: .literal)
            }
        }
        if lostSaraAm {
            for (damaged, word) in saraAmWords where result.contains(damaged) {
                let parts = result.components(separatedBy: damaged)
                report.restoredSaraAm += parts.count - 1
                result = parts.joined(separator: word)
            }
            // "คำนำ" without sara am is "คน" — only as a heading of its own.
            var lines = result.components(separatedBy: "\n")
            for index in lines.indices where lines[index].trimmingCharacters(in: .whitespaces) == "คน" {
                lines[index] = "คำนำ"
                report.restoredSaraAm += 1
            }
            result = lines.joined(separator: "\n")
        }
        return result
    }

    /// The diagnosis of a repair: one info finding saying what the extraction had damaged.
    static func findings(_ report: Report) -> [ImportFinding] {
        var findings: [ImportFinding] = []
        if report.decomposedSaraAm > 0 || report.spacesBeforeMarks > 0 || report.misplacedToneMarks > 0 || report.restoredLetters > 0 {
            findings.append(ImportFinding(severity: .info, code: "text.pdfDamage", line: nil, message: LocalizedText(
                th: "ข้อความเสียจากการแปลง PDF ได้ซ่อมแล้ว: สระอำแยกเป็นสองตัว \(report.decomposedSaraAm) แห่ง ช่องว่างหน้าสระหรือวรรณยุกต์ \(report.spacesBeforeMarks) แห่ง วรรณยุกต์ผิดที่ \(report.misplacedToneMarks) แห่ง คำที่อ่านสระอำเป็นสระอาหรือ ป้ เป็น ปู \(report.restoredLetters) คำ",
                en: "Text damaged by PDF extraction was repaired: sara am in two parts \(report.decomposedSaraAm) times, a space before a vowel or tone mark \(report.spacesBeforeMarks) times, a misplaced tone mark \(report.misplacedToneMarks) times, sara am read as sara aa or ป้ as ปู in \(report.restoredLetters) words")))
        }
        if report.rebuiltLayoutTables > 0 {
            findings.append(ImportFinding(severity: .info, code: "text.layoutTableRebuilt", line: nil, message: LocalizedText(
                th: "ตารางแผนในไฟล์นี้จัดคอลัมน์ด้วยช่องว่าง (คัดลอกข้อความมาจาก PDF) ได้ประกอบแถวใหม่จากตำแหน่งตัวอักษร \(report.rebuiltLayoutTables) ตาราง กรุณาตรวจทานชื่อโครงการ ภารกิจ และงบประมาณ",
                en: "The plan table of this file is laid out with spaces (text copied from a PDF); \(report.rebuiltLayoutTables) table(s) were rebuilt into rows from the positions of the text — please check item names, missions and budgets")))
        }
        if report.laidOutColumns {
            findings.append(ImportFinding(severity: .warning, code: "text.layoutColumns", line: nil, message: LocalizedText(
                th: "ตารางในไฟล์นี้จัดคอลัมน์ด้วยช่องว่าง (คัดลอกข้อความมาจาก PDF) จึงแยกแถวของตารางได้ไม่แน่นอน กรุณานำเข้าไฟล์ PDF หรือ Word ต้นฉบับแทน",
                en: "The tables of this file are laid out with spaces (text copied from a PDF), so their rows cannot be told apart reliably; import the original PDF or Word file instead")))
        }
        if report.restoredSaraAm > 0 {
            findings.append(ImportFinding(severity: .warning, code: "text.saraAmMissing", line: nil, message: LocalizedText(
                th: "เอกสารไม่มีสระอำเลย (ตกหายจากการแปลง PDF) เติมคืนให้ \(report.restoredSaraAm) คำ ชื่อโครงการและข้อความอื่นอาจยังขาดสระอำ กรุณาตรวจทาน",
                en: "The document has no sara am at all (lost in PDF extraction); it was restored in \(report.restoredSaraAm) known words, but item names and other text may still lack it — please review")))
        }
        return findings
    }
}
