import Foundation
import SujaritCore
import SujaritTestSupport
import XCTest

final class MoneyTests: XCTestCase {
    private func parseError(_ text: String) -> Money.ParseError? {
        do {
            _ = try Money.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func testParseAcceptedForms() throws {
        XCTAssertEqual(try Money.parse("20,000"), Money(baht: 20_000))
        XCTAssertEqual(try Money.parse("20000"), Money(baht: 20_000))
        XCTAssertEqual(try Money.parse("๒๐,๐๐๐ บาท"), Money(baht: 20_000))
        XCTAssertEqual(try Money.parse("20,000บาท"), Money(baht: 20_000))
        XCTAssertEqual(try Money.parse(" 1,234.5 "), Money(satang: 123_450))
        XCTAssertEqual(try Money.parse("0.25"), Money(satang: 25))
        XCTAssertEqual(try Money.parse("1,234,567.08"), Money(satang: 123_456_708))
        XCTAssertEqual(try Money.parse("0"), .zero)
        // Exactly 10^12 baht is the largest amount accepted.
        XCTAssertEqual(try Money.parse("1,000,000,000,000"), Money.maximum)
    }

    func testParseRejectionsSayWhy() {
        XCTAssertEqual(parseError("abc"), .notANumber("abc"))
        XCTAssertEqual(parseError("20,000 ดอลลาร์"), .notANumber("20,000 ดอลลาร์"))
        XCTAssertEqual(parseError("1.2.3"), .notANumber("1.2.3"))
        XCTAssertEqual(parseError("-500"), .negative)
        XCTAssertEqual(parseError("-1,000.50"), .negative)
        XCTAssertEqual(parseError("1.234"), .tooManyDecimals)
        XCTAssertEqual(parseError("1000000000000.01"), .tooLarge)
        XCTAssertEqual(parseError("99999999999999999999"), .tooLarge)
        XCTAssertEqual(parseError("1,00"), .misplacedSeparator)
        XCTAssertEqual(parseError("20,00,000"), .misplacedSeparator)
        XCTAssertEqual(parseError("1234,567"), .misplacedSeparator)
        XCTAssertEqual(parseError(""), .empty)
        XCTAssertEqual(parseError("   "), .empty)
        XCTAssertFalse(Money.ParseError.negative.message.th.isEmpty)
        XCTAssertFalse(Money.ParseError.tooLarge.message.en.isEmpty)
    }

    func testFormattingWithSeparators() {
        XCTAssertEqual(Money(baht: 0).formatted(), "0")
        XCTAssertEqual(Money(baht: 999).formatted(), "999")
        XCTAssertEqual(Money(baht: 1_000).formatted(), "1,000")
        XCTAssertEqual(Money(baht: 20_000).formatted(), "20,000")
        XCTAssertEqual(Money(baht: 1_000_005).formatted(), "1,000,005", "inner groups keep their zeros")
        XCTAssertEqual(Money(satang: 123_450).formatted(), "1,234.50")
        XCTAssertEqual(Money(satang: 5).formatted(), "0.05")
        XCTAssertEqual(Money(baht: 20_000).formatted(alwaysShowSatang: true), "20,000.00")
        XCTAssertEqual(Money(baht: 1_234_567).formatted(digits: .thai), "๑,๒๓๔,๕๖๗")
        XCTAssertEqual(Money(satang: 2_000_050).formatted(digits: .thai), "๒๐,๐๐๐.๕๐")
        XCTAssertEqual(Money(satang: -150_000).formatted(), "-1,500")
    }

    func testPlainForm() {
        XCTAssertEqual(Money(baht: 20_000).plain, "20000")
        XCTAssertEqual(Money(satang: 2_000_050).plain, "20000.5")
        XCTAssertEqual(Money(satang: 5).plain, "0.05")
    }

    func testFormattedAmountsParseBack() throws {
        let amounts = [Money.zero, Money(satang: 1), Money(satang: 123_456_789), Money(baht: 20_000), Money.maximum]
        for amount in amounts {
            for style in DigitStyle.allCases {
                XCTAssertEqual(try Money.parse(amount.formatted(digits: style)), amount, "\(amount) in \(style)")
            }
            XCTAssertEqual(try Money.parse(amount.plain), amount)
        }
    }

    func testMoneyJSONRoundTrip() throws {
        let amounts = [Money.zero, Money(satang: 1), Money(satang: 123_456), Money(baht: 20_000), Money.maximum]
        let data = try JSONEncoder().encode(amounts)
        XCTAssertEqual(try JSONDecoder().decode([Money].self, from: data), amounts)
        // A number of baht, not satang.
        XCTAssertEqual(String(decoding: try JSONEncoder().encode([Money(baht: 20_000)]), as: UTF8.self), "[20000]")
        // Strings in the typed form are accepted too.
        XCTAssertEqual(try JSONDecoder().decode([Money].self, from: Data(#"["20,000", 19.99]"#.utf8)), [Money(baht: 20_000), Money(satang: 1_999)])
    }

    func testMoneyJSONRejectsBadNumbers() {
        for json in ["[-5]", "[1.234]", "[1000000000001]", #"["abc"]"#, #"["-1"]"#] {
            XCTAssertThrowsError(try JSONDecoder().decode([Money].self, from: Data(json.utf8)), json)
        }
    }

    func testBudgetEntryJSONRoundTrip() throws {
        let entries: [BudgetEntry] = [.baht(20_000), .noBudget, .amount(Money(satang: 50))]
        let data = try JSONEncoder().encode(entries)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"[20000,"none",0.5]"#)
        XCTAssertEqual(try JSONDecoder().decode([BudgetEntry].self, from: data), entries)
        let lenient = try JSONDecoder().decode([BudgetEntry].self, from: Data(#"["-", "ไม่ใช้งบประมาณ", "15,000"]"#.utf8))
        XCTAssertEqual(lenient, [.noBudget, .noBudget, .baht(15_000)])
    }

    func testBudgetEntryCountsNoBudgetAsZero() {
        XCTAssertEqual(BudgetEntry.noBudget.countedAmount, .zero)
        XCTAssertEqual(BudgetEntry.baht(30_000).countedAmount, Money(baht: 30_000))
        XCTAssertEqual(BudgetEntry.noBudget.formatted(), "-")
        XCTAssertEqual(BudgetEntry.baht(30_000).formatted(digits: .thai), "๓๐,๐๐๐")
    }

    func testDocumentTextMeaningNoBudget() {
        let variants = [
            "-", "–", "—", "", "   ", " - ",
            "ไม่ใช้งบประมาณ", "ดำเนินการโดยไม่ใช้งบประมาณ", "ไม่ใช้งบประมาณในการดำเนินการ",
            "ไม่ใช้ งบประมาณ", "ไม่มีงบประมาณ", "ไม่ต้องใช้งบประมาณ",
        ]
        for text in variants {
            XCTAssertEqual(BudgetEntry.parseDocumentText(text), .noBudget, "“\(text)”")
        }
    }

    func testDocumentTextWithAnAmount() {
        XCTAssertEqual(BudgetEntry.parseDocumentText("20,000 บาท"), .baht(20_000))
        XCTAssertEqual(BudgetEntry.parseDocumentText("20,000"), .baht(20_000))
        XCTAssertEqual(BudgetEntry.parseDocumentText("๒๐,๐๐๐"), .baht(20_000))
        XCTAssertEqual(BudgetEntry.parseDocumentText("๑๕,๐๐๐ บาท"), .baht(15_000))
        XCTAssertEqual(BudgetEntry.parseDocumentText("งบประมาณ 30,000 บาท"), .baht(30_000))
        XCTAssertEqual(BudgetEntry.parseDocumentText("20,000.-"), .baht(20_000))
        XCTAssertEqual(BudgetEntry.parseDocumentText("1,500.50 บาท"), .amount(Money(satang: 150_050)))
    }

    func testDocumentTextWithoutABudgetIsNil() {
        for text in ["ดูรายละเอียดแนบท้าย", "#####", "บาท", "abc"] {
            XCTAssertNil(BudgetEntry.parseDocumentText(text), "“\(text)”")
        }
    }
}
