import Foundation

/// อ่านข้อความจาก PDF — runs `pdftotext -bbox-layout` (poppler-utils) on a PDF and returns its
/// text, tables turned into tab-separated rows from the words' boxes (`PDFWordLayout`; the
/// former `-layout` grid, `LayoutText`, with `SUJARIT_PDF_READER=layout`), ready for
/// `PlainTextReader`.
///
/// Bounded: at most `maximumPages` pages are read, the text may be at most `maximumTextBytes`,
/// and the tool is stopped after `timeout` seconds. The tool is `SUJARIT_PDFTOTEXT` when set,
/// otherwise `pdftotext` on the `PATH` or in the usual folders.
public enum PDFTextExtractor {
    public static let maximumPages = 400
    public static let maximumTextBytes = 20 * 1024 * 1024

    /// Seconds one extraction may take (`SUJARIT_PDFTOTEXT_TIMEOUT`, default 60).
    public static var timeout: TimeInterval {
        ProcessInfo.processInfo.environment["SUJARIT_PDFTOTEXT_TIMEOUT"].flatMap(TimeInterval.init).map { max(1, $0) } ?? 60
    }

    /// The `pdftotext` executable, or nil when it is not installed.
    public static func toolURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let manager = FileManager.default
        if let configured = environment["SUJARIT_PDFTOTEXT"], !configured.isEmpty {
            return manager.isExecutableFile(atPath: configured) ? URL(fileURLWithPath: configured) : nil
        }
        let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in path + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/opt/local/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("pdftotext")
            if manager.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Whether the bytes are a PDF ("%PDF" at the start).
    public static func isPDF(_ data: Data) -> Bool { data.starts(with: Array("%PDF".utf8)) }

    /// Whether the PDF declares encryption (an /Encrypt entry in a trailer).
    static func declaresEncryption(_ data: Data) -> Bool {
        data.range(of: Data("/Encrypt".utf8)) != nil
    }

    /// The PDF's text, tables as tab-separated rows.
    public static func extractText(_ data: Data, tool: URL? = nil, timeout: TimeInterval? = nil,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws(ImportError) -> String {
        guard let tool = tool ?? toolURL(environment: environment) else { throw .pdfToolMissing }
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("sujarit-pdf-\(UUID().uuidString)")
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .pdfUnreadable(detail: "temporary folder: \(error.localizedDescription)")
        }
        defer { try? manager.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        let output = folder.appendingPathComponent("out.txt")
        let errors = folder.appendingPathComponent("err.txt")
        do {
            try data.write(to: input)
            _ = manager.createFile(atPath: errors.path, contents: nil)
        } catch {
            throw .pdfUnreadable(detail: "temporary file: \(error.localizedDescription)")
        }

        let process = Process()
        process.executableURL = tool
        // Word boxes (`PDFWordLayout`) by default: words come whole and narrow columns stay apart.
        // SUJARIT_PDF_READER=layout reads the character grid of `-layout` (the former reader),
        // which cuts names and loses sheet fields, kept to compare.
        let useGrid = environment["SUJARIT_PDF_READER"] == "layout"
        // One page more than allowed: a document that has it is refused, not cut short unseen.
        process.arguments = [useGrid ? "-layout" : "-bbox-layout", "-enc", "UTF-8", "-eol", "unix", "-l", "\(maximumPages + 1)", input.path, output.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        guard let errorHandle = try? FileHandle(forWritingTo: errors) else { throw .pdfUnreadable(detail: "temporary file") }
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw .pdfUnreadable(detail: "\(tool.path): \(error.localizedDescription)")
        }
        let limit = timeout ?? Self.timeout
        if finished.wait(timeout: .now() + limit) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL); finished.wait() }
            throw .pdfTimeout(seconds: Int(limit))
        }
        let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let lower = message.lowercased()
            if lower.contains("password") || lower.contains("encrypt") || declaresEncryption(data) { throw .pdfEncrypted }
            let detail = message.split(separator: "\n").prefix(2).joined(separator: " ")
            throw .pdfUnreadable(detail: detail.isEmpty ? "pdftotext exit \(process.terminationStatus)" : String(detail.prefix(200)))
        }
        let size = (try? manager.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        // The word boxes take about eight times the bytes of the text they carry.
        guard size <= maximumTextBytes * 8 else { throw .tooLarge(bytes: size / 8, limit: maximumTextBytes) }
        guard let text = try? Data(contentsOf: output) else { throw .pdfUnreadable(detail: "no output") }
        let decoded: String
        if useGrid {
            decoded = LayoutText.rows(from: String(decoding: text, as: UTF8.self))
        } else {
            guard let pages = PDFWordLayout.pages(fromBBoxXHTML: String(decoding: text, as: UTF8.self)) else {
                throw .pdfUnreadable(detail: "pdftotext gave no word boxes")
            }
            guard pages.count <= maximumPages else { throw .pdfTooManyPages(limit: maximumPages) }
            decoded = PDFWordLayout.text(pages: pages) { borders(input, beside: tool, folder: folder, timeout: min(limit, 30)) }
        }
        // An image scan: pages, but (almost) no letters.
        let letters = decoded.unicodeScalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
        if letters < 20 { throw .pdfNoText }
        return decoded
    }
}

extension PDFTextExtractor {
    /// The vertical lines of each page (table cell borders), from `pdftocairo -svg` beside
    /// `pdftotext` (poppler-utils has both); none when it is missing, fails or is slow.
    static func borders(_ input: URL, beside tool: URL, folder: URL, timeout: TimeInterval) -> [[PDFWordLayout.Rule]] {
        let cairo = tool.deletingLastPathComponent().appendingPathComponent("pdftocairo")
        guard FileManager.default.isExecutableFile(atPath: cairo.path) else { return [] }
        let output = folder.appendingPathComponent("rules.svg")
        let process = Process()
        process.executableURL = cairo
        process.arguments = ["-svg", "-l", "\(maximumPages)", input.path, output.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return [] }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut { kill(process.processIdentifier, SIGKILL); finished.wait() }
            return []
        }
        guard process.terminationStatus == 0, let size = try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int,
              size <= 200 * 1024 * 1024, let data = try? Data(contentsOf: output) else { return [] }
        return PDFWordLayout.verticalRules(fromSVG: String(decoding: data, as: UTF8.self))
    }
}

/// `pdftotext -layout` output → the text forms `PlainTextReader` knows: each page's lines, with
/// the lines of a table (text in columns separated by wide gaps) written as tab-separated rows
/// cut at the table's column positions. A page break (form feed) becomes a blank line.
enum LayoutText {
    /// A gap this wide (in characters) or wider separates columns.
    static let columnGap = 3

    static func rows(from text: String) -> String {
        var out: [String] = []
        var block: [[Unicode.Scalar]] = []
        func flush() {
            guard !block.isEmpty else { return }
            out += table(block)
            block = []
        }
        for rawLine in text.replacingOccurrences(of: "\u{0C}", with: "\n\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(rawLine.unicodeScalars)
            let runs = hasColumnGap(scalars) ? starts(scalars) : []
            if runs.count == 2, block.isEmpty, runs[0].text.unicodeScalars.count <= 6, let marker = ImportText.marker(Substring(runs[0].text)),
               marker.rest.isEmpty {
                // "1)      เพื่อ…": a list item (Word's numbering sets its text off by a tab), not a table.
                out.append(runs[0].text + " " + runs[1].text)
            } else if !runs.isEmpty {
                block.append(scalars)
            } else if scalars.allSatisfy({ $0 == " " }) {
                flush()
                out.append("")
            } else if !block.isEmpty && leadingSpaces(scalars) >= columnGap {
                // An indented line inside a table: a cell's continuation in one column.
                block.append(scalars)
            } else {
                flush()
                out.append(String(String.UnicodeScalarView(scalars)).trimmingCharacters(in: .whitespaces))
            }
        }
        flush()
        return out.joined(separator: "\n")
    }

    static func leadingSpaces(_ line: [Unicode.Scalar]) -> Int { line.prefix { $0 == " " }.count }

    /// Whether a text lays its tables out in columns of spaces: no tab anywhere, and at least
    /// five lines of three or more runs of text set apart by wide gaps (a Word text export or a
    /// typed document has none; `pdftotext -layout` writes one per table row).
    static func isLaidOut(_ text: String) -> Bool {
        guard !text.utf8.contains(0x09) else { return false }
        var tableLines = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where line.utf8.count >= 12 {
            let scalars = Array(line.unicodeScalars)
            guard hasColumnGap(scalars), starts(scalars).count >= 3 else { continue }
            tableLines += 1
            if tableLines >= 5 { return true }
        }
        return false
    }

    /// Text, a run of `columnGap` spaces or more, more text.
    static func hasColumnGap(_ line: [Unicode.Scalar]) -> Bool {
        var seenText = false
        var run = 0
        for scalar in line {
            if scalar == " " {
                run += 1
            } else {
                if seenText && run >= columnGap { return true }
                seenText = true
                run = 0
            }
        }
        return false
    }

    /// Where each run of text starts, in code points.
    static func starts(_ line: [Unicode.Scalar]) -> [(column: Int, text: String)] {
        var result: [(Int, String)] = []
        var column = 0
        var run = columnGap
        var current = String.UnicodeScalarView()
        var start = 0
        for scalar in line {
            if scalar == " " {
                run += 1
                if run < columnGap && !current.isEmpty { current.append(scalar) }
                column += 1
                continue
            }
            if run >= columnGap {
                if !current.isEmpty { result.append((start, String(current).trimmingCharacters(in: .whitespaces))) }
                current = String.UnicodeScalarView()
                start = column
            }
            run = 0
            current.append(scalar)
            // pdftotext pads to its columns counting code points, combining marks included.
            column += 1
        }
        if !current.isEmpty { result.append((start, String(current).trimmingCharacters(in: .whitespaces))) }
        return result
    }

    /// Lines of a table region as tab-separated rows cut at the column positions they share.
    static func table(_ lines: [[Unicode.Scalar]]) -> [String] {
        let runs = lines.map(starts)
        // Column starts: positions where runs begin, merged when within two characters.
        var positions = runs.flatMap { $0.map(\.column) }.sorted()
        var columns: [Int] = []
        for position in positions where columns.last.map({ position - $0 > 2 }) ?? true { columns.append(position) }
        positions = columns
        return runs.map { line in
            var cells = Array(repeating: "", count: max(1, positions.count))
            for run in line {
                let index = positions.lastIndex { $0 <= run.column + 2 } ?? 0
                cells[index] = cells[index].isEmpty ? run.text : cells[index] + " " + run.text
            }
            return cells.joined(separator: "\t")
        }
    }
}
