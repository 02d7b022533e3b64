import Foundation
import SujaritCore
import SujaritCatalog

/// เสนอภารกิจ — for items read without a mission (a one-year plan made only of project sheets,
/// like seed 001), proposes the mission of the standard measure whose name is closest, so that
/// the imported plan can be counted by dimension at once. Every proposal is reported to the
/// reviewer as an info finding; nothing is proposed below a clear similarity.
enum MissionSuggestion {
    /// Dice similarity (adjacent-character pairs) a name must reach to take a measure's mission.
    static let threshold = 0.5

    static func apply(to plan: inout Plan, findings: inout [ImportFinding], sheets: [ImportedSheet], organizationName: String) {
        guard plan.cycleID == PlanCatalog.cycle2566.id, plan.items.contains(where: { $0.missionCode == nil }) else { return }
        let matcher = NameMatcher(organizationName: organizationName)
        let candidates = StandardMeasures.all.map { measure in
            (measure, NameMatcher.bigrams(matcher.key(measure.name(organizationName: organizationName))))
        }
        let lineOfItem = Dictionary(sheets.compactMap { sheet in sheet.itemID.map { ($0, sheet.line) } }, uniquingKeysWith: { a, _ in a })
        for index in plan.items.indices where plan.items[index].missionCode == nil {
            let item = plan.items[index]
            let pairs = NameMatcher.bigrams(matcher.key(item.name))
            var best: (StandardMeasure, Double)?
            for (measure, measurePairs) in candidates {
                let score = NameMatcher.dice(pairs, measurePairs)
                if score > (best?.1 ?? 0) { best = (measure, score) }
            }
            guard let (measure, score) = best, score >= threshold, plan.mission(code: measure.missionCode) != nil else { continue }
            plan.items[index].missionCode = measure.missionCode
            plan.items[index].subMissionCode = measure.subMissionCode
            let percent = Int((score * 100).rounded())
            findings.append(ImportFinding(
                severity: .info, code: "item.mission.suggested", line: lineOfItem[item.id],
                message: LocalizedText(
                    th: "“\(item.name)” ไม่ได้ระบุภารกิจ จึงจัดไว้ที่ภารกิจ \(measure.missionCode) ตามมาตรการมาตรฐานที่ชื่อใกล้เคียงที่สุด (\(percent)%) กรุณาตรวจสอบ",
                    en: "“\(item.name)” had no mission; it was placed under mission \(measure.missionCode) after the closest standard measure (\(percent)%) — please check")))
        }
    }
}
