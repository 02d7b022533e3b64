import XCTest
@testable import SujaritCore

final class OrganizationSearchTests: XCTestCase {
    func testQueriesLoseSpacingPunctuationAndKindPrefixes() {
        for query in ["บ้านโป่ง", "บ้าน โป่ง", "อบต. บ้าน โป่ง", "อบต.บ้านโป่ง", "อบต บ้านโป่ง", "องค์การบริหารส่วนตำบลบ้านโป่ง",
                      "เทศบาลตำบลบ้านโป่ง", "เทศบาล บ้านโป่ง", "ทต.บ้านโป่ง", "  บ้าน\u{00A0}โป่ง  ", "'บ้านโป่ง';"] {
            XCTAssertEqual(OrganizationSearch.searchForm(query), "บ้านโป่ง", query)
        }
        // The stored letters of a full name contain every such query.
        XCTAssertTrue(OrganizationSearch.letters("องค์การบริหารส่วนตำบลบ้านโป่ง").contains("บ้านโป่ง"))
        XCTAssertTrue(OrganizationSearch.letters("อบต. บ้านโป่ง").contains("บ้านโป่ง"))
        // A prefix alone stays, so "เทศบาล" finds every เทศบาล….
        XCTAssertEqual(OrganizationSearch.searchForm("เทศบาล"), "เทศบาล")
        // Two-letter abbreviations only with their dot: "ทมนาง" is a name, "ทม.นาง" a town.
        XCTAssertEqual(OrganizationSearch.searchForm("ทมนาง"), "ทมนาง")
        XCTAssertEqual(OrganizationSearch.searchForm("ทม.นาง"), "นาง")
    }

    func testPatternCharactersAndSignsAreDropped() {
        XCTAssertEqual(OrganizationSearch.letters("%_'\";--\\*?[]"), "")
        XCTAssertEqual(OrganizationSearch.searchForm("บ้าน%โป่ง_"), "บ้านโป่ง")
        XCTAssertEqual(OrganizationSearch.searchForm("Ban Pong ๑๒"), "banpong12")
        // Decomposed input is composed first (NFC), so it equals what is stored.
        let decomposed = "e\u{0301}"
        XCTAssertEqual(OrganizationSearch.letters(decomposed), "\u{00E9}")
    }

    func testSortKeyOrdersLikeAThaiDictionary() {
        let names = ["องค์การบริหารส่วนตำบลตาก", "เทศบาลเมืองเชียงใหม่", "อบต.ขอนแก่น", "องค์การบริหารส่วนตำบลไผ่", "เทศบาลตำบลกุดชุม"]
        let sorted = names.sorted { OrganizationSearch.sortKey($0) < OrganizationSearch.sortKey($1) }
        XCTAssertEqual(sorted, ["เทศบาลตำบลกุดชุม", "อบต.ขอนแก่น", "เทศบาลเมืองเชียงใหม่", "องค์การบริหารส่วนตำบลตาก", "องค์การบริหารส่วนตำบลไผ่"])
    }
}
