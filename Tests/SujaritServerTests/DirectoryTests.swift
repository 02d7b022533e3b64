import Foundation
import XCTest
import XCTVapor
import SujaritCore
@_spi(Fixtures) import SujaritPersistence
import SujaritAPIModels
@testable import SujaritServer

/// The home page as a directory and `GET /api/v1/organizations`: search, filters, pages, and
/// bad input answered clearly (never 500).
final class DirectoryTests: ServerTestCase {
    func organization(_ slug: String, _ name: String, kind: OrganizationKind, district: String, province: String) async throws {
        try await OrganizationStore(db).create(Organization(slug: slug, kind: kind, name: name, district: district, province: province))
    }

    func fixture() async throws {
        try await organization("ban-pong-sao", "องค์การบริหารส่วนตำบลบ้านโป่ง", kind: .subdistrict, district: "โพธาราม", province: "ราชบุรี")
        try await organization("ban-pong-tm", "เทศบาลตำบลบ้านโป่ง", kind: .subdistrictMunicipality, district: "บ้านโป่ง", province: "ราชบุรี")
        try await organization("chiang-mai", "เทศบาลนครเชียงใหม่", kind: .cityMunicipality, district: "เมืองเชียงใหม่", province: "เชียงใหม่")
        // 120 more in one province, for pages.
        for index in 1...120 {
            try await organization("kk-\(index)", "องค์การบริหารส่วนตำบลหนองที่\(index)", kind: .subdistrict,
                                   district: index % 2 == 0 ? "เมืองขอนแก่น" : "ชุมแพ", province: "ขอนแก่น")
        }
    }

    struct Listing {
        var status: HTTPStatus
        var slugs: [String]
        var headers: HTTPHeaders
        var body: String
    }

    func api(_ query: String) async throws -> Listing {
        var listing = Listing(status: .internalServerError, slugs: [], headers: [:], body: "")
        try await app.test(.GET, "/api/v1/organizations" + query) { res async throws in
            listing.status = res.status
            listing.headers = res.headers
            listing.body = res.body.string
            if res.status == .ok { listing.slugs = try res.content.decode([OrganizationDTO].self).map(\.slug) }
        }
        return listing
    }

    func page(_ query: String) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.internalServerError, "")
        try await app.test(.GET, "/" + query) { res async throws in result = (res.status, res.body.string) }
        return result
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    func testSearchIsTolerantOfSpacingAndKindPrefixes() async throws {
        try await fixture()
        for query in ["บ้านโป่ง", "อบต. บ้าน โป่ง", "เทศบาลตำบลบ้านโป่ง", "องค์การบริหารส่วนตำบล บ้านโป่ง", "บ้าน%โป่ง"] {
            let listing = try await api("?q=\(Self.encoded(query))")
            XCTAssertEqual(listing.status, .ok, query)
            XCTAssertEqual(Set(listing.slugs), ["ban-pong-sao", "ban-pong-tm"], query)
        }
        let sao = try await api("?q=\(Self.encoded("บ้านโป่ง"))&kind=sao")
        XCTAssertEqual(sao.slugs, ["ban-pong-sao"])
        let chiangMai = try await api("?q=\(Self.encoded("เชียง ใหม่"))")
        XCTAssertEqual(chiangMai.slugs, ["chiang-mai"])
        let district = try await api("?province=\(Self.encoded("ราชบุรี"))&district=\(Self.encoded("โพธาราม"))")
        XCTAssertEqual(district.slugs, ["ban-pong-sao"])
        // The page finds the same, and lists provinces with counts when nothing is asked.
        let (status, body) = try await page("?q=\(Self.encoded("อบต.บ้านโป่ง"))")
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("href=\"/o/ban-pong-sao\""))
        XCTAssertFalse(body.contains("href=\"/o/chiang-mai\""))
        let (_, home) = try await page("")
        XCTAssertTrue(home.contains("ขอนแก่น</a> <span class=\"muted\">(120)</span>"), "provinces with counts")
        // Provinces as JSON, in Thai order.
        try await app.test(.GET, "/api/v1/provinces") { res async throws in
            XCTAssertEqual(res.status, .ok)
            let provinces = try res.content.decode([DirectoryCount].self)
            XCTAssertEqual(provinces.map(\.name), ["ขอนแก่น", "เชียงใหม่", "ราชบุรี"])
            XCTAssertEqual(provinces.map(\.count), [120, 1, 2])
        }
    }

    func testPagesCoverEveryOrganizationOnce() async throws {
        try await fixture()
        var seen: [String] = []
        for number in 1...3 {
            let listing = try await api("?province=\(Self.encoded("ขอนแก่น"))&perPage=50&page=\(number)")
            XCTAssertEqual(listing.status, .ok)
            XCTAssertEqual(listing.headers.first(name: "X-Total-Count"), "120")
            XCTAssertEqual(listing.headers.first(name: "X-Page-Count"), "3")
            XCTAssertEqual(listing.slugs.count, number < 3 ? 50 : 20)
            XCTAssertEqual(listing.headers.first(name: .link)?.contains("rel=\"next\""), number < 3)
            seen += listing.slugs
        }
        XCTAssertEqual(seen.count, 120)
        XCTAssertEqual(Set(seen).count, 120, "no organization on two pages")
        // After the last page: an empty list, and how many pages there are.
        let beyond = try await api("?province=\(Self.encoded("ขอนแก่น"))&perPage=50&page=9")
        XCTAssertEqual(beyond.status, .ok)
        XCTAssertEqual(beyond.slugs, [])
        XCTAssertEqual(beyond.headers.first(name: "X-Total-Count"), "120")
        let (status, body) = try await page("?province=\(Self.encoded("ขอนแก่น"))&page=9")
        XCTAssertEqual(status, .ok)
        XCTAssertTrue(body.contains("ไม่มีหน้านี้"))
        // The page links to the next page with its filters.
        let (_, first) = try await page("?province=\(Self.encoded("ขอนแก่น"))&kind=sao")
        XCTAssertTrue(first.contains("rel=\"next\""))
        XCTAssertTrue(first.contains("page=2"))
        // Thai digits in the page number.
        let thaiDigits = try await api("?province=\(Self.encoded("ขอนแก่น"))&perPage=50&page=\(Self.encoded("๒"))")
        XCTAssertEqual(thaiDigits.slugs, Array(seen[50..<100]))
    }

    func testBadInputIsAnsweredClearly() async throws {
        try await fixture()
        // SQL metacharacters are only letters to look for: no match, no harm.
        for query in ["'; DROP TABLE organizations; --", "\" OR 1=1 --", "บ้าน' OR '1'='1"] {
            let listing = try await api("?q=\(Self.encoded(query))")
            XCTAssertEqual(listing.status, .ok, query)
            XCTAssertTrue(listing.slugs.isEmpty || query.hasPrefix("บ้าน"), query)
        }
        let everything = try await api("?perPage=200")
        XCTAssertEqual(everything.headers.first(name: "X-Total-Count"), "123", "the table is still there")
        // Nothing searchable, too long, wrong numbers, unknown kind: 422 naming the parameter.
        let long = String(repeating: "ก", count: 10_000)
        for (query, field) in [("%25", "q"), ("_", "q"), ("%25%5F", "q"), (Self.encoded(long), "q"),
                               ("x&page=-1", "page"), ("x&page=0", "page"), ("x&page=abc", "page"), ("x&page=99999999999999999999", "page"),
                               ("x&perPage=0", "perPage"), ("x&perPage=100000", "perPage"), ("x&kind=castle", "kind")] {
            let listing = try await api("?q=\(query)")
            XCTAssertEqual(listing.status, .unprocessableEntity, query)
            let error = try JSONDecoder().decode(ErrorResponse.self, from: Data(listing.body.utf8))
            XCTAssertTrue(error.fields.contains { $0.field == field }, "\(query): \(error.fields.map(\.field))")
            let (status, body) = try await page("?q=\(query)")
            XCTAssertEqual(status, .unprocessableEntity, query)
            XCTAssertTrue(body.contains("role=\"search\""), "the form again")
            XCTAssertTrue(body.contains("class=\"notice error\""))
        }
        // Mixed scripts are a search like any other.
        let mixed = try await api("?q=\(Self.encoded("บ้านPongหนองที่1"))")
        XCTAssertEqual(mixed.status, .ok)
        XCTAssertEqual(mixed.slugs, [])
        try await organization("mixed-script", "องค์การบริหารส่วนตำบลบ้านA1ใหม่", kind: .subdistrict, district: "เมือง", province: "ราชบุรี")
        for query in ["บ้าน a1", "บ้านA1ใหม่", "อบต.บ้านa1"] {
            let found = try await api("?q=\(Self.encoded(query))")
            XCTAssertEqual(found.slugs, ["mixed-script"], query)
        }
        // Pattern and quoting characters around letters are dropped, not obeyed.
        for query in ["บ้าน_โป่ง", "%บ้านโป่ง%", "'บ้านโป่ง'--", "บ้าน\\โป่ง", "บ้าน[โป่ง]"] {
            let found = try await api("?q=\(Self.encoded(query))")
            XCTAssertEqual(found.status, .ok, query)
            XCTAssertEqual(Set(found.slugs), ["ban-pong-sao", "ban-pong-tm"], query)
        }
        let hostile = try await page("?q=\(Self.encoded("<script>alert(1)</script>"))")
        XCTAssertEqual(hostile.0, .ok)
        XCTAssertFalse(hostile.1.contains("<script>alert"))
    }
}
