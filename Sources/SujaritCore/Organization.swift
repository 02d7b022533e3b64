import Foundation

/// ประเภทองค์กรปกครองส่วนท้องถิ่น — the kind of a local administrative organization.
public enum OrganizationKind: String, CaseIterable, Sendable, Codable {
    /// องค์การบริหารส่วนจังหวัด (อบจ.) — provincial administrative organization
    case provincial = "pao"
    /// เทศบาลนคร — city municipality
    case cityMunicipality = "city"
    /// เทศบาลเมือง — town municipality
    case townMunicipality = "town"
    /// เทศบาลตำบล — subdistrict municipality
    case subdistrictMunicipality = "subdistrict-municipality"
    /// องค์การบริหารส่วนตำบล (อบต.) — subdistrict administrative organization
    case subdistrict = "sao"
    /// กรุงเทพมหานคร — Bangkok
    case bangkok = "bangkok"
    /// เมืองพัทยา — Pattaya City
    case pattaya = "pattaya"

    /// The full Thai name of the kind, which begins an organization's official name.
    public var thaiName: String {
        switch self {
        case .provincial: "องค์การบริหารส่วนจังหวัด"
        case .cityMunicipality: "เทศบาลนคร"
        case .townMunicipality: "เทศบาลเมือง"
        case .subdistrictMunicipality: "เทศบาลตำบล"
        case .subdistrict: "องค์การบริหารส่วนตำบล"
        case .bangkok: "กรุงเทพมหานคร"
        case .pattaya: "เมืองพัทยา"
        }
    }

    /// The usual Thai abbreviation.
    public var thaiAbbreviation: String {
        switch self {
        case .provincial: "อบจ."
        case .cityMunicipality: "ทน."
        case .townMunicipality: "ทม."
        case .subdistrictMunicipality: "ทต."
        case .subdistrict: "อบต."
        case .bangkok: "กทม."
        case .pattaya: "เมืองพัทยา"
        }
    }

    public var englishName: String {
        switch self {
        case .provincial: "Provincial Administrative Organization"
        case .cityMunicipality: "City Municipality"
        case .townMunicipality: "Town Municipality"
        case .subdistrictMunicipality: "Subdistrict Municipality"
        case .subdistrict: "Subdistrict Administrative Organization"
        case .bangkok: "Bangkok Metropolitan Administration"
        case .pattaya: "Pattaya City"
        }
    }

    /// Recognizes the kind from the beginning of an official name
    /// ("องค์การบริหารส่วนตำบลบ้านโป่ง" → `.subdistrict`), or from an abbreviation ("อบต.บ้านผือ").
    public static func recognize(inName name: String) -> OrganizationKind? {
        let text = name.cleaned
        // Longest names first so that "เทศบาลตำบล" is not read as a prefix of something shorter.
        let byName = allCases.sorted { $0.thaiName.count > $1.thaiName.count }
        if let kind = byName.first(where: { text.hasPrefix($0.thaiName) }) { return kind }
        if let kind = allCases.first(where: { text.hasPrefix($0.thaiAbbreviation) }) { return kind }
        return nil
    }
}

/// How an organization wants numbers printed in its documents and pages.
public enum DigitStyle: String, CaseIterable, Sendable, Codable {
    /// ๐๑๒๓๔๕๖๗๘๙
    case thai
    /// 0123456789
    case arabic
}

/// องค์กรปกครองส่วนท้องถิ่น (อปท.) — a local administrative organization, the tenant of Sujarit.
public struct Organization: Identifiable, Hashable, Sendable, Codable {
    public var id: UUID
    /// A stable, URL-safe name used in public addresses: `/o/{slug}`.
    public var slug: String
    public var kind: OrganizationKind
    /// The full official name, e.g. "องค์การบริหารส่วนตำบลบ้านโป่ง".
    public var name: String
    /// อำเภอ
    public var district: String
    /// จังหวัด
    public var province: String
    public var website: String
    public var phone: String
    /// ส่วนราชการ — the organization's internal units (สำนักปลัด, กองคลัง, กองช่าง …), a free list.
    public var units: [String]
    public var digitStyle: DigitStyle

    public init(
        id: UUID = UUID(), slug: String, kind: OrganizationKind, name: String,
        district: String = "", province: String = "", website: String = "", phone: String = "",
        units: [String] = [], digitStyle: DigitStyle = .arabic
    ) {
        self.id = id
        self.slug = slug
        self.kind = kind
        self.name = name
        self.district = district
        self.province = province
        self.website = website
        self.phone = phone
        self.units = units
        self.digitStyle = digitStyle
    }

    /// Whether `slug` is acceptable in a public address: 2–63 characters of a–z, 0–9 and
    /// single hyphens, starting and ending with a letter or digit.
    public static func isValidSlug(_ slug: String) -> Bool {
        guard (2...63).contains(slug.count) else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        guard slug.allSatisfy({ allowed.contains($0) }) else { return false }
        return !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--")
    }
}
