import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// The directory of organizations: the home page and `GET /api/v1/organizations` read the same
/// query parameters — `q` (a name, tolerant of spacing and of kind prefixes such as อบต. or
/// เทศบาลตำบล), `province`, `district`, `kind`, `page` (from 1) and `perPage` (1–200).
enum Directory {
    struct Parameters: Decodable {
        var q: String?
        var province: String?
        var district: String?
        var kind: String?
        var page: String?
        var perPage: String?
    }

    /// The query asked for, or a 422 naming each parameter that cannot be used and why.
    static func query(_ request: Request, defaultPerPage: Int) throws -> DirectoryQuery {
        let parameters: Parameters
        do {
            parameters = try request.query.decode(Parameters.self)
        } catch {
            throw SujaritError(.badRequest, LocalizedText(.msgQueryStringCannotRead))
        }
        return try query(parameters, defaultPerPage: defaultPerPage)
    }

    static func query(_ parameters: Parameters, defaultPerPage: Int) throws -> DirectoryQuery {
        var fields: [FieldError] = []
        func fail(_ field: String, _ message: LocalizedText) { fields.append(FieldError(field: field, message: message)) }
        func text(_ value: String?, _ field: String, limit: Int) -> String? {
            guard let value = value?.cleaned.precomposedStringWithCanonicalMapping, !value.isEmpty else { return nil }
            guard value.count <= limit else {
                fail(field, LocalizedText(.msgLongerThanCharacters, String(limit)))
                return nil
            }
            return value
        }
        func number(_ value: String?, _ field: String, range: ClosedRange<Int>, default fallback: Int) -> Int {
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return fallback }
            guard value.count <= 9, let parsed = Int(ThaiDigits.toArabic(value)), range.contains(parsed) else {
                fail(field, LocalizedText(.msgWholeNumberBetween, String(range.lowerBound), String(range.upperBound)))
                return fallback
            }
            return parsed
        }

        var search: String?
        if let typed = text(parameters.q, "q", limit: OrganizationSearch.maximumQueryLength) {
            let form = OrganizationSearch.searchForm(typed)
            if form.isEmpty {
                fail("q", LocalizedText(.msgSearchNeedsLetter))
            } else {
                search = form
            }
        }
        var kind: OrganizationKind?
        if let given = text(parameters.kind, "kind", limit: 40) {
            kind = OrganizationKind(rawValue: given)
            if kind == nil {
                fail("kind", LocalizedText(.msgUnknownKindOneOf, OrganizationKind.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        let query = DirectoryQuery(
            text: search,
            province: text(parameters.province, "province", limit: 100),
            district: text(parameters.district, "district", limit: 100),
            kind: kind,
            page: number(parameters.page, "page", range: 1...1_000_000, default: 1),
            perPage: number(parameters.perPage, "perPage", range: 1...DirectoryQuery.maximumPerPage, default: defaultPerPage))
        guard fields.isEmpty else {
            throw SujaritError(.unprocessableEntity, LocalizedText(.msgInvalidSearch), fields: fields)
        }
        return query
    }

    /// The parameters of a directory address other than the page (for page links).
    static func queryItems(_ parameters: Parameters) -> [URLQueryItem] {
        [("q", parameters.q), ("province", parameters.province), ("district", parameters.district),
         ("kind", parameters.kind), ("perPage", parameters.perPage)]
            .compactMap { name, value in
                guard let value = value?.cleaned, !value.isEmpty, value.count <= 200 else { return nil }
                return URLQueryItem(name: name, value: value)
            }
    }

    /// A page of the directory: its parameters and the page number (left out for page 1).
    static func page(_ items: [URLQueryItem], _ page: Int) -> [URLQueryItem] {
        items + (page > 1 ? [URLQueryItem(name: "page", value: String(page))] : [])
    }
}
