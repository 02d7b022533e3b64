import Foundation

/// Field 7 of a project sheet (งบประมาณดำเนินการ) and the item's budget row: one rule for the
/// pages, the editor, the exports and the validator.
extension PlanItem {
    /// The text generated from the budget row: "งบประมาณปีละ 20,000 บาท" when every year has the
    /// same amount, "20,000 บาท (ปี 2568)" for one year, "รวม … บาท (ปี 2566 … บาท, …)" otherwise,
    /// "ไม่ใช้งบประมาณ" when no year has an amount.
    public func generatedBudgetText(years: [FiscalYear]) -> String {
        let amounts = years.compactMap { year -> (FiscalYear, Money)? in
            if case .amount(let money)? = budgets[year], money != .zero { return (year, money) }
            return nil
        }
        guard !amounts.isEmpty else { return "ไม่ใช้งบประมาณ" }
        let distinct = Set(amounts.map(\.1))
        if distinct.count == 1, amounts.count == years.count, amounts.count > 1 {
            return "งบประมาณปีละ \(amounts[0].1.formatted()) บาท"
        }
        if amounts.count == 1 {
            return "\(amounts[0].1.formatted()) บาท (ปี \(amounts[0].0.be))"
        }
        let total = amounts.reduce(Money.zero) { $0 + $1.1 }
        return "รวม \(total.formatted()) บาท (" + amounts.map { "ปี \($0.0.be) \($0.1.formatted()) บาท" }.joined(separator: ", ") + ")"
    }

    /// Field 7 as shown and exported: the officer's own text, or — when it is empty, or is a
    /// text Sujarit generated (the wizard's, the editor's old default "ไม่ใช้งบประมาณ") that no
    /// longer agrees with the budget row — the text generated from the row.
    public func sheetBudgetText(years: [FiscalYear]) -> String {
        let written = (sheet?.budgetText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if written.isEmpty { return generatedBudgetText(years: years) }
        if Self.isGeneratedBudgetText(written), budgetTextDisagreement(written, years: years) != nil {
            return generatedBudgetText(years: years)
        }
        return written
    }

    /// Whether field 7 follows the budget row (empty or generated) rather than the officer's words.
    public func sheetBudgetTextFollowsBudgets(years: [FiscalYear]) -> Bool {
        let written = (sheet?.budgetText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return written.isEmpty || Self.isGeneratedBudgetText(written)
    }

    /// How a written field 7 disagrees with the budget row (the importer's rule on documents),
    /// or nil when it agrees or names no amount: the stated amount (nil for "no budget") and
    /// the row's description in Thai and English.
    public func budgetTextDisagreement(_ text: String, years: [FiscalYear]) -> (stated: Money?, tableThai: String, tableEnglish: String)? {
        guard !text.cleaned.isEmpty, let stated = BudgetEntry.parseDocumentText(text) else { return nil }
        // Negative amounts are findings of their own (item.budget.negative), not compared here.
        let amounts = years.compactMap { budgets[$0]?.countedAmount }.filter { !$0.isNegative }
        let nonZero = Set(amounts.filter { $0 != .zero })
        let total = amounts.reduce(Money.zero, +)
        let tableThai = nonZero.count == 1 ? "\(nonZero.first!.formatted()) บาทต่อปี" : (nonZero.isEmpty ? "ไม่ใช้งบประมาณ" : "รวม \(total.formatted()) บาท")
        let tableEnglish = nonZero.count == 1 ? "\(nonZero.first!.formatted()) baht a year" : (nonZero.isEmpty ? "no budget" : "\(total.formatted()) baht in all")
        // A text naming several amounts agrees when each is a yearly amount of the row or its total.
        let named = Self.amountsBeforeBaht(text)
        if named.count > 1, named.allSatisfy({ nonZero.contains($0) || $0 == total }) { return nil }
        switch stated {
        case .amount(let amount):
            if nonZero.contains(amount) && nonZero.count <= 1 { return nil }
            if amount == total && !nonZero.isEmpty { return nil }
            return (amount, tableThai, tableEnglish)
        case .noBudget:
            return nonZero.isEmpty ? nil : (nil, tableThai, tableEnglish)
        }
    }

    /// Every amount written before "บาท" in a text, in order.
    public static func amountsBeforeBaht(_ text: String) -> [Money] {
        let arabic = ThaiDigits.toArabic(text)
        var amounts: [Money] = []
        for segment in arabic.components(separatedBy: "บาท").dropLast() {
            let tail = segment.reversed().drop(while: { $0.isWhitespace })
            let number = String(tail.prefix(while: { ($0.isASCII && $0.isNumber) || $0 == "," || $0 == "." }).reversed())
            if let money = try? Money.parse(number) { amounts.append(money) }
        }
        return amounts
    }

    /// Texts Sujarit itself writes into field 7 (numbers replaced by "#"): the wizard's and the
    /// demo's, the generated ones above, and the editor's former default. (A bare "# บาท" is
    /// left out: officers write it too, so a disagreeing one is a finding, not replaced.)
    static func isGeneratedBudgetText(_ text: String) -> Bool {
        let shape = numberShape(ThaiDigits.toArabic(text.cleaned))
        return shape == "ไม่ใช้งบประมาณ" || shape == "# บาท ต่อปี (รวม # ปี # บาท)"
            || shape == "งบประมาณปีละ # บาท" || shape == "# บาท (ปี #)"
            || (shape.hasPrefix("รวม # บาท (ปี # # บาท") && shape.hasSuffix(")"))
    }

    static func numberShape(_ text: String) -> String {
        var shape = ""
        var inNumber = false
        for character in text {
            if (character.isASCII && character.isNumber) || (inNumber && (character == "," || character == ".")) {
                if !inNumber { shape.append("#") }
                inNumber = true
            } else {
                inNumber = false
                shape.append(character)
            }
        }
        return shape
    }
}
