import Foundation
import SujaritCore

/// Field 7 of a project sheet (งบประมาณดำเนินการ) read as figures per year, the way officers
/// write it: "ปีละ 20,000 บาท รวม 100,000 บาท", "ปี 2566 10,000 บาท ปี 2567 15,000 บาท",
/// "ไม่ใช้งบประมาณ", or one figure.
struct SheetBudgetReading: Equatable {
    /// The amount for each plan year the text settles (empty when it settles none).
    var perYear: [FiscalYear: BudgetEntry] = [:]
    /// "รวม …" or a lone figure in a plan of several years, which cannot be split by year.
    var statedTotal: Money?
    /// How the figures were written.
    var form: Form = .none

    enum Form: Equatable {
        case none, noBudget, yearly, listedByYear, single
    }

    static func read(_ text: String, years: [FiscalYear]) -> SheetBudgetReading {
        let arabic = ImportText.arabic(text)
        let compact = ImportText.compact(arabic)
        var reading = SheetBudgetReading()
        guard !compact.isEmpty, !years.isEmpty else { return reading }
        let amounts = numbers(in: arabic)
        if amounts.isEmpty {
            if BudgetEntry.parseDocumentText(arabic) == .noBudget {
                reading.form = .noBudget
                for year in years { reading.perYear[year] = .noBudget }
            }
            return reading
        }
        // A year of the plan followed by an amount: "ปี 2566 10,000 บาท", "2567 = 15,000".
        var listed: [FiscalYear: Money] = [:]
        for (index, number) in amounts.enumerated() where number.isYear {
            // "ปี 2566 – 2570 รวม 50,000 บาท": the end of a range of years is not a year's amount.
            if index > 0 && amounts[index - 1].isYear { continue }
            let year = FiscalYear(number.value)
            guard years.contains(year), index + 1 < amounts.count, !amounts[index + 1].isYear,
                  let money = amounts[index + 1].money, listed[year] == nil else { continue }
            listed[year] = money
        }
        let total = amountAfter(["รวม", "ทั้งสิ้น"], in: arabic)
        if !listed.isEmpty {
            reading.form = .listedByYear
            for year in years { reading.perYear[year] = listed[year].map { .amount($0) } ?? .noBudget }
            reading.statedTotal = total
            return reading
        }
        // One amount a year, and nothing else but the total: "ปีละ 20,000 บาท รวม 100,000 บาท",
        // "20,000 บาทต่อปี (รวม 5 ปี 100,000 บาท)". Two yearly amounts for ranges of years
        // ("15,000 บาทต่อปี ใน 2566 – 2567 และ 20,000 บาทต่อปี …") are left to the plain rule.
        let others = Set(amounts.filter { !$0.isYear && !$0.countsYears(in: arabic) }.compactMap(\.money)).subtracting(total.map { [$0] } ?? [])
        let saysYearly = ImportText.has(arabic, "ปีละ") || ImportText.has(arabic, "ต่อปี") || ImportText.has(arabic, "/ปี")
        if saysYearly, others.count == 1, let yearly = others.first {
            reading.form = .yearly
            for year in years { reading.perYear[year] = .amount(yearly) }
            reading.statedTotal = total
            return reading
        }
        let money = amounts.filter { !$0.isYear && !$0.countsYears(in: arabic) }.compactMap(\.money)
        guard let first = total ?? money.first else { return reading }
        reading.form = .single
        if years.count == 1 {
            reading.perYear[years[0]] = .amount(first)
        } else {
            reading.statedTotal = first
        }
        return reading
    }

    /// What the sheet says against the table's row: the years whose figures differ, and a stated
    /// total that differs from the row's sum. Only figures the sheet settles are compared.
    func disagreements(with budgets: [FiscalYear: BudgetEntry], years: [FiscalYear]) -> (years: [FiscalYear], total: Money?) {
        var differing: [FiscalYear] = []
        for year in years {
            guard let stated = perYear[year] else { continue }
            let table = budgets[year]?.countedAmount ?? .zero
            if (stated.countedAmount ?? .zero) != table { differing.append(year) }
        }
        var totalDiffers: Money?
        if let statedTotal, form != .single {
            let sum = years.reduce(Money.zero) { $0 + (budgets[$1]?.countedAmount ?? .zero) }
            if statedTotal != sum { totalDiffers = statedTotal }
        }
        return (differing, totalDiffers)
    }

    /// Within the sheet: "ปีละ 20,000 บาท รวม 90,000 บาท" for five years.
    func ownTotalDisagrees(years: [FiscalYear]) -> Bool {
        guard let statedTotal, form == .yearly || form == .listedByYear else { return false }
        let sum = years.reduce(Money.zero) { $0 + (perYear[$1]?.countedAmount ?? .zero) }
        return sum != statedTotal
    }

    struct Number {
        var text: String
        var value: Int
        var start: String.Index
        /// "5 ปี" in "รวม 5 ปี": a count of years, not an amount.
        func countsYears(in text: String) -> Bool {
            guard value < 100, !self.text.contains(",") else { return false }
            let after = text[text.index(start, offsetBy: self.text.count)...].drop { $0 == " " }
            return after.hasPrefix("ปี")
        }
        var isYear: Bool { !text.contains(",") && !text.contains(".") && text.count == 4 && FiscalYear.plausibleRange.contains(value) }
        var money: Money? { try? Money.parse(text) }
    }

    /// The numbers of a text (with thousands separators and decimals), in order.
    static func numbers(in text: String) -> [Number] {
        var result: [Number] = []
        var current = ""
        var start = text.startIndex
        var index = text.startIndex
        func close() {
            while let last = current.last, last == "," || last == "." { current.removeLast() }
            if !current.isEmpty {
                let digits = current.filter { $0.isASCII && $0.isNumber }
                result.append(Number(text: current, value: digits.count <= 12 ? Int(current.split(separator: ".")[0].filter { $0 != "," }) ?? 0 : 0, start: start))
            }
            current = ""
        }
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII && character.isNumber {
                if current.isEmpty { start = index }
                current.append(character)
            } else if !current.isEmpty && (character == "," || character == ".") {
                current.append(character)
            } else {
                close()
            }
            index = text.index(after: index)
        }
        close()
        return result
    }

    /// The first amount written after one of the words.
    static func amountAfter(_ words: [String], in text: String) -> Money? {
        for word in words {
            guard let range = ImportText.find(word, in: text) else { continue }
            let after = String(text[range.upperBound...])
            if let number = numbers(in: after).first(where: { !$0.isYear && !$0.countsYears(in: after) }), after.distance(from: after.startIndex, to: number.start) <= 24 {
                return number.money
            }
        }
        return nil
    }
}
