import Foundation
import SujaritCore
import SujaritDemo
import SujaritCatalog

/// Small, hand-made building blocks for tests of every target (Core, Import, Server).
public enum Fixtures {
    /// A fixed UUID from a number, distinct from the ids DemoData uses (which start with 0…).
    public static func id(_ number: Int) -> UUID {
        UUID(uuidString: "10000000-0000-4000-8000-" + String(format: "%012x", number))!
    }

    /// A small อบต. with three units.
    public static func organization(
        id: UUID = Fixtures.id(1), slug: String = "ban-thadsob", name: String = "องค์การบริหารส่วนตำบลบ้านทดสอบ"
    ) -> Organization {
        Organization(
            id: id, slug: slug, kind: .subdistrict, name: name, district: "เมือง", province: "ขอนแก่น",
            website: "https://ban-thadsob.example", phone: "043-111-111",
            units: ["สำนักปลัด", "กองคลัง", "กองช่าง"]
        )
    }

    /// A project sheet with all nine fields filled in.
    public static func completeSheet(number: Int? = nil, budgetText: String = "ไม่ใช้งบประมาณ", responsible: String = "สำนักปลัด") -> ProjectSheet {
        ProjectSheet(
            sheetNumber: number,
            rationale: "เพื่อให้การปฏิบัติงานเป็นไปอย่างโปร่งใสและตรวจสอบได้",
            objectives: ["เพื่อป้องกันการทุจริต"],
            targetGroup: "พนักงาน จำนวน 20 คน",
            targetHeadcount: 20,
            method: [MethodStep("จัดทำแผนการดำเนินงาน", subSteps: [MethodStep("เสนอผู้บริหารอนุมัติ")]), MethodStep("ดำเนินการและรายงานผล")],
            period: "ปีงบประมาณ พ.ศ. 2566 – 2570",
            budgetText: budgetText,
            responsible: responsible,
            outputs: ["ผู้เข้าร่วมไม่น้อยกว่าร้อยละ 80"],
            outcomes: ["ไม่มีเรื่องร้องเรียนการทุจริต"]
        )
    }

    /// A clean four-item plan 2566–2570, one item per dimension, on which the validator finds nothing.
    ///
    /// - 1) โครงการอบรมคุณธรรม (1.1): 20,000 baht every year
    /// - 2) กิจกรรมเผยแพร่ข้อมูลข่าวสาร (2.1): no budget
    /// - 3) โครงการประชาคมหมู่บ้าน (3.1): 10,000 baht in 2566 only, no budget after
    /// - 4) มาตรการรับเรื่องร้องเรียนการทุจริต (4.3): no budget
    public static func smallPlan(organizationID: UUID = Fixtures.id(1), id: UUID = Fixtures.id(2)) -> Plan {
        var builder = PlanBuilder(organizationID: organizationID, id: id)
        builder.item("โครงการอบรมคุณธรรม", mission: "1.1", sub: "1.1.1", id: Fixtures.id(101), every: 20_000)
        builder.item("กิจกรรมเผยแพร่ข้อมูลข่าวสาร", mission: "2.1", sub: "2.1.1", id: Fixtures.id(102))
        builder.item("โครงการประชาคมหมู่บ้าน", mission: "3.1", sub: "3.1.1", id: Fixtures.id(103), budgets: [2566: .baht(10_000)])
        builder.item("มาตรการรับเรื่องร้องเรียนการทุจริต", mission: "4.3", sub: "4.3.2", id: Fixtures.id(104))
        return builder.plan
    }

    /// A moment given as wall-clock time in a time zone (Bangkok unless told), for calendar tests.
    public static func date(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 12, _ minute: Int = 0, _ second: Int = 0,
        timeZone: TimeZone = ThaiCalendar.timeZone
    ) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    }
}

extension BudgetEntry {
    /// `.amount(Money(baht: n))`, shorter in tests.
    public static func baht(_ amount: Int64) -> BudgetEntry { .amount(Money(baht: amount)) }
}

/// Builds a plan item by item. Items get consecutive `order` numbers, a complete sheet whose
/// budget text agrees with the table, and — unless given — "no budget" for every plan year.
public struct PlanBuilder {
    public var plan: Plan

    public init(
        template: PlanTemplate = PlanCatalog.cycle2566, organizationID: UUID = Fixtures.id(1), id: UUID = Fixtures.id(2),
        first: FiscalYear? = nil, last: FiscalYear? = nil
    ) {
        let organization = Fixtures.organization(id: organizationID)
        plan = Plan.fromTemplate(template, organization: organization, first: first, last: last, id: id)
    }

    /// Adds an item. `budgets` are keyed by BE year; plan years not named get "no budget"
    /// (pass `fillYears: false` to leave them unstated). `every` sets the same amount for every plan year.
    /// Returns the item's id.
    @discardableResult
    public mutating func item(
        _ name: String, mission: String?, sub: String? = nil, id: UUID = UUID(), order: Int? = nil,
        unit: String = "สำนักปลัด", every: Int64? = nil, budgets: [Int: BudgetEntry] = [:], fillYears: Bool = true,
        remarks: String = "", sheet: ProjectSheet? = nil, withSheet: Bool = true
    ) -> UUID {
        var entries: [FiscalYear: BudgetEntry] = [:]
        if fillYears || every != nil {
            for year in plan.fiscalYears { entries[year] = every.map { .baht($0) } ?? .noBudget }
        }
        for (year, entry) in budgets { entries[FiscalYear(year)] = entry }
        let amounts = entries.values.map(\.countedAmount).filter { $0 != .zero }
        let budgetText = amounts.min().map { "\($0.formatted()) บาท" } ?? "ไม่ใช้งบประมาณ"
        let number = order ?? ((plan.items.map(\.order).max() ?? 0) + 1)
        plan.items.append(PlanItem(
            id: id, kind: PlanItemKind.recognize(fromName: name) ?? .project, name: name,
            missionCode: mission, subMissionCode: sub, order: number, responsibleUnit: unit,
            budgets: entries, remarks: remarks,
            sheet: sheet ?? (withSheet ? Fixtures.completeSheet(number: number, budgetText: budgetText, responsible: unit) : nil)
        ))
        return id
    }

    public func build() -> Plan { plan }
}
