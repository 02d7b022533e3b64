import Foundation
import Vapor
import SujaritCore

/// What an officer typed into a record's form, kept as text so that the form can come back
/// with it (and the errors) when something is wrong.
struct RecordFormValues {
    var fields: [String: String]

    init(fields: [String: String]) { self.fields = fields }

    /// The form's starting values: the record as stored.
    init(record: MonitoringRecord, version: Int) {
        var fields: [String: String] = ["version": String(version)]
        fields["progress"] = record.progress?.rawValue ?? ""
        fields["reason"] = record.reason?.rawValue ?? ""
        fields["reasonText"] = record.reasonText
        fields["ordinanceBudget"] = record.ordinanceBudget?.plain ?? ""
        fields["committed"] = record.committed?.plain ?? ""
        fields["disbursed"] = record.disbursed?.plain ?? ""
        fields["overspendReason"] = record.overspendReason
        fields["startDate"] = record.startDate.map(Self.isoDay) ?? ""
        fields["endDate"] = record.endDate.map(Self.isoDay) ?? ""
        fields["participants"] = record.participants.map(String.init) ?? ""
        for (index, indicator) in record.indicators.enumerated() {
            fields["actual-\(index)"] = indicator.actualValue.map { NSDecimalNumber(decimal: $0).stringValue } ?? ""
            fields["actualText-\(index)"] = indicator.actualText
        }
        fields["narrative"] = record.narrative
        fields["problems"] = record.problems
        fields["obstacles"] = record.obstacles
        fields["suggestions"] = record.suggestions
        self.fields = fields
    }

    subscript(_ name: String) -> String { fields[name] ?? "" }

    var version: Int? { Int(self["version"]) }

    /// The input for `MonitoringWorkflow`, or the fields that could not be read.
    func input(indicatorCount: Int) -> (MonitoringRecordInput?, FormErrors) {
        var errors = FormErrors()
        let progressText = self["progress"]
        let progress = ItemProgress(rawValue: progressText)
        if progress == nil {
            errors.add("progress", LocalizedText(.monChooseProgress))
        }
        let reasonText = self["reason"]
        let reason = ShortfallReason(rawValue: reasonText)
        if reason == nil && !reasonText.isEmpty {
            errors.add("reason", LocalizedText(.monUnknownReason))
        }
        func money(_ field: String) -> Money? {
            let text = self[field].cleaned
            guard !text.isEmpty else { return nil }
            do { return try Money.parse(text) } catch { errors.add(field, error.message); return nil }
        }
        let ordinance = money("ordinanceBudget"), committed = money("committed"), disbursed = money("disbursed")
        func day(_ field: String) -> Date? {
            let text = self[field].cleaned
            guard !text.isEmpty else { return nil }
            guard let date = Self.parseDay(text) else {
                errors.add(field, LocalizedText(.monInvalidDayForm))
                return nil
            }
            return date
        }
        let start = day("startDate"), end = day("endDate")
        var participants: Int?
        let participantText = ThaiDigits.toArabic(self["participants"].cleaned).replacingOccurrences(of: ",", with: "")
        if !participantText.isEmpty {
            if let value = Int(participantText) { participants = value } else {
                errors.add("participants", LocalizedText(.monParticipantsWhole))
            }
        }
        var actuals: [MonitoringRecordInput.IndicatorInput] = []
        for index in 0..<indicatorCount {
            let text = self["actual-\(index)"].cleaned
            var value: Decimal?
            if !text.isEmpty {
                value = Self.parseNumber(text)
                if value == nil {
                    errors.add("actual-\(index)", LocalizedText(.monEnterNumber))
                }
            }
            actuals.append(.init(value: value, text: self["actualText-\(index)"]))
        }
        guard errors.isEmpty, let progress else { return (nil, errors) }
        return (MonitoringRecordInput(
            progress: progress, reason: reason, reasonText: self["reasonText"], ordinanceBudget: ordinance, committed: committed,
            disbursed: disbursed, overspendReason: self["overspendReason"], startDate: start, endDate: end,
            participants: participants, actuals: actuals, narrative: self["narrative"], problems: self["problems"],
            obstacles: self["obstacles"], suggestions: self["suggestions"]), errors)
    }

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ThaiCalendar.timeZone
        return calendar
    }

    /// "2025-01-15" or "2568-01-15" (a Buddhist-Era year is recognized by being after 2400),
    /// Thai digits allowed; midnight of that day in Thai time.
    static func parseDay(_ text: String) -> Date? {
        let parts = ThaiDigits.toArabic(text).split(separator: "-").map { Int($0) }
        guard parts.count == 3, var year = parts[0], let month = parts[1], let day = parts[2],
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        if year > 2400 { year -= ThaiCalendar.beOffset }
        guard (1900...2200).contains(year),
              let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    static func isoDay(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// "86", "86.5", "๘๖", "1,200", "86%".
    static func parseNumber(_ text: String) -> Decimal? {
        var cleaned = ThaiDigits.toArabic(text).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")
        cleaned = cleaned.trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              cleaned.filter({ $0 == "." }).count <= 1 else { return nil }
        return Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
    }
}
