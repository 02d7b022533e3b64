import Foundation
import SujaritCore
import SujaritExport

/// Times the DOCX and XLSX writers on a 40-item plan with full project sheets and watches the
/// process's memory over many exports (`sujarit bench export`).
public enum ExportBenchmark {
    /// The demo plan grown to `itemCount` items: its items (each with a full sheet) repeated
    /// with fresh ids, new order numbers and sheet numbers, spread over the same missions.
    public static func plan(itemCount: Int = 40) -> Plan {
        var plan = DemoData.plan()
        let originals = plan.orderedItems
        guard !originals.isEmpty else { return plan }
        var items: [PlanItem] = []
        items.reserveCapacity(itemCount)
        for index in 0..<max(1, itemCount) {
            var item = originals[index % originals.count]
            if index >= originals.count {
                item.id = UUID()
                item.name += " (\(index / originals.count + 1))"
            }
            items.append(item)
        }
        // Part 2 order: grouped by mission as the original, numbered through.
        let missionRank = Dictionary(plan.dimensions.flatMap(\.missions).enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        items = items.enumerated().sorted { a, b in
            let ra = missionRank[a.element.missionCode ?? ""] ?? Int.max, rb = missionRank[b.element.missionCode ?? ""] ?? Int.max
            return (ra, a.offset) < (rb, b.offset)
        }.map(\.element)
        for index in items.indices {
            items[index].order = index + 1
            items[index].sheet?.sheetNumber = index + 1
        }
        plan.items = items
        return plan
    }

    /// The median and 90th percentile of `iterations` DOCX and XLSX exports, then the resident
    /// set size after 10 and after 1,000 exports (`memoryExports`), so that growth shows.
    public static func run(iterations: Int = 50, memoryExports: Int = 1_000) -> String {
        let plan = plan(itemCount: 40)
        let context = ExportContext(organization: DemoData.organization, generatedAt: Date(timeIntervalSince1970: 1_700_000_000))
        var lines: [String] = []
        let sheets = plan.items.filter { $0.sheet != nil }.count
        lines.append("export: \(plan.items.count) items, \(sheets) sheets, \(plan.fiscalYears.count) fiscal years, \(max(1, iterations)) runs each")

        for (label, export) in [("docx", { PlanExporter.docx(plan, context: context) }), ("xlsx", { PlanExporter.xlsx(plan, context: context) })] as [(String, () -> Data)] {
            var times: [Double] = []
            var size = 0
            for _ in 0..<max(1, iterations) {
                let start = DispatchTime.now().uptimeNanoseconds
                let data = export()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
                size = data.count
            }
            times.sort()
            lines.append(String(format: "  %@: median %.1f ms, p90 %.1f ms (min %.1f, max %.1f), %d KB",
                                label, percentile(times, 0.5), percentile(times, 0.9), times.first!, times.last!, size / 1024))
        }

        // Memory: one DOCX and one XLSX per round.
        let start = residentBytes()
        var rounds = 0
        var afterTen: Int?
        let total = max(10, memoryExports)
        while rounds < total {
            autoreleasepoolIfAvailable {
                _ = PlanExporter.docx(plan, context: context)
                _ = PlanExporter.xlsx(plan, context: context)
            }
            rounds += 1
            if rounds == 10 { afterTen = residentBytes() }
        }
        let end = residentBytes()
        if let start, let afterTen, let end {
            lines.append(String(format: "  memory (resident set): %.1f MB before, %.1f MB after 10 exports, %.1f MB after %d exports (%+.1f MB from 10 to %d)",
                                mb(start), mb(afterTen), mb(end), total, mb(end - afterTen), total))
        } else {
            lines.append("  memory: /proc/self/statm is not available on this system")
        }
        return lines.joined(separator: "\n")
    }

    /// The value below which `fraction` of the sorted values lie (nearest rank).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Resident set size in bytes, from /proc/self/statm (Linux); nil elsewhere.
    public static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(getpagesize())
    }

    static func mb(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

    static func autoreleasepoolIfAvailable(_ body: () -> Void) {
        #if canImport(ObjectiveC)
        autoreleasepool(invoking: body)
        #else
        body()
        #endif
    }
}
