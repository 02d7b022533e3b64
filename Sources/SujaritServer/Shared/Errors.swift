import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// An error the visitor should see: an HTTP status, a message in Thai and English, and the
/// fields it concerns.
public struct SujaritError: Error, Sendable {
    public var status: HTTPResponseStatus
    public var message: LocalizedText
    public var fields: [FieldError]
    /// The address of what the error is about (e.g. the draft revision that exists already):
    /// a link on the error page, `location` in the JSON body.
    public var location: String?
    /// Seconds after which trying again may succeed (`Retry-After`; 429 and 503).
    public var retryAfter: Int?

    public init(_ status: HTTPResponseStatus, _ message: LocalizedText, fields: [FieldError] = [],
                location: String? = nil, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.fields = fields
        self.location = location
        self.retryAfter = retryAfter
    }

    /// 404 saying what was not found in the reader's language: `.notFound(.nfPlan)`.
    static func notFound(_ what: UIKey = .nfAnything) -> SujaritError {
        SujaritError(.notFound, LocalizedText(what))
    }

    /// A refusal of the write path, answered with the status its kind stands for.
    init(_ refusal: CommandRefusal) {
        let status: HTTPResponseStatus = switch refusal.kind {
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .wrongState, .stale: .conflict
        case .invalid: .unprocessableEntity
        }
        self.init(status, refusal.message, fields: refusal.fields.map { FieldError(field: $0.path, message: $0.message) },
                  location: refusal.relatedPlan.map { SiteURL.plan($0).path })
    }

    static func forbidden() -> SujaritError {
        SujaritError(.forbidden, LocalizedText(.msgNotAllowed))
    }
}

extension FieldError {
    /// The field's message in both languages.
    var text: LocalizedText { LocalizedText(th: messageThai, en: message) }
}

/// Turns every error into a clear 4xx answer (or a 500 that reveals nothing), as JSON for the
/// API and as a page for browsers. Internal details are logged, never shown.
struct SujaritErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, request: request)
        }
    }

    static func classify(_ error: any Error) -> SujaritError {
        switch error {
        case let error as SujaritError:
            return error
        case let refusal as CommandRefusal:
            return SujaritError(refusal)
        case let conflict as PlanConflict:
            return SujaritError(.conflict, LocalizedText.each { t in
                let who = conflict.lastChangedBy.map { " (\($0)" + (conflict.lastChange?.createdAt.map { ", " + t.date($0) + " " + timeOfDay($0, t) } ?? "") + ")" } ?? ""
                return t(.msgPlanSavedFirst, who)
            })
        case let error as StoreError:
            switch error {
            case .notFound:
                // The store names what is missing in Thai only (a noun and an id): English
                // readers get the plain English text.
                return SujaritError(.notFound, LocalizedText(th: error.message.th, en: LocalizedText(.nfAnything).en))
            case .conflict: return SujaritError(.conflict, error.message)
            case .duplicate: return SujaritError(.conflict, error.message)
            case .notAllowed: return SujaritError(.conflict, error.message)
            case .invalid: return SujaritError(.unprocessableEntity, error.message)
            case .corrupt:
                // Stored data the code does not know (an unknown status, kind or audit action):
                // said plainly, and logged, instead of being read as some default.
                return SujaritError(.internalServerError, error.message)
            case .busy: return SujaritError(.serviceUnavailable, error.message, retryAfter: 2)
            case .newerRevision(let id, _, _):
                return SujaritError(.conflict, error.message, location: SiteURL.editor(id).path)
            case .periodTaken(let id, _, _):
                return SujaritError(.conflict, error.message, location: SiteURL.plan(id).path)
            }
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy for the pool's whole timeout: a load peak.
            return SujaritError(.serviceUnavailable, StoreError.busy.message, retryAfter: 2)
        case let error as DecodingError:
            let (path, detail) = describe(error)
            return SujaritError(.badRequest, path.isEmpty ? LocalizedText(.msgInvalidBody, detail) : LocalizedText(.msgInvalidBodyAt, path, detail),
                fields: path.isEmpty ? [] : [FieldError(field: path, message: LocalizedText(th: detail, en: detail))])
        case let error as any AbortError:
            let reason = error.reason
            // Vapor's reason is English already; the Thai text is ours.
            let thai = Translator(.thai)
            let said: String = switch error.status {
            case .notFound: thai(.notFound)
            case .payloadTooLarge: thai(.msgBodyTooLarge)
            case .unsupportedMediaType: thai(.msgUnsupportedMediaType)
            case .badRequest: thai(.msgBadRequestBecause, reason)
            case .methodNotAllowed: thai(.msgMethodNotAllowed)
            case .tooManyRequests: thai(.msgTooManyRequests)
            default: reason
            }
            return SujaritError(error.status, LocalizedText(th: said, en: reason))
        default:
            return SujaritError(.internalServerError, LocalizedText(.msgInternalError))
        }
    }

    static func timeOfDay(_ date: Date, _ t: Translator) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ThaiCalendar.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return t(.timeOfDay, String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0))
    }

    static func describe(_ error: DecodingError) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .dataCorrupted(let context):
            // Without a path the body itself is not JSON; with one, a value is of the wrong
            // shape ("version": 1.5 for a whole number), which must say so, not "not JSON".
            guard !context.codingPath.isEmpty else { return ("", "not valid JSON (or not UTF-8)") }
            let detail = context.debugDescription
            if detail.lowercased().contains("number") || detail.contains("does not fit") || detail.contains("representable") {
                return (path(context.codingPath), "expected a whole number (\(detail))")
            }
            return (path(context.codingPath), detail)
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "required field is missing")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), type == Int.self ? "expected a whole number" : "expected \(type)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(type), found null")
        @unknown default:
            return ("", "invalid data")
        }
    }

    static func response(for error: any Error, request: Request) -> Response {
        let classified = classify(error)
        if classified.status == .internalServerError {
            request.logger.report(error: error)
        }
        let response: Response
        if request.requestPath.hasPrefix("/api/") || (request.headers.first(name: .accept) ?? "").hasPrefix("application/json") {
            let current = (error as? PlanConflict).map { PlanResponse(plan: $0.current, publicURL: nil) }
            var body = ErrorResponse(status: Int(classified.status.code), reason: classified.message, fields: classified.fields, current: current)
            body.location = classified.location
            response = Response(status: classified.status)
            try? response.content.encode(body, as: .json)
        } else {
            let t = request.t
            let title = classified.status == .notFound ? t(.notFound)
                : classified.status == .forbidden ? t(.forbidden)
                : classified.status.code >= 500 ? t(.serverError) : t(.badRequest)
            let link: HTML = classified.location.map {
                "<p><a href=\"\($0)\">\(t(.goTo)) \($0)</a></p>"
            } ?? ""
            // What exactly is wrong, field by field (e.g. an imported document over the limits).
            let fieldItems: [HTML] = classified.fields.prefix(50).map { field in
                "<li><code>\(field.field)</code>: \(t.pick(field.text))</li>"
            }
            let fieldList: HTML = fieldItems.isEmpty ? "" : "<ul class=\"error-fields\">\(fieldItems.joined())</ul>"
            let page = Layout.page(request: request, title: title, body: """
                <h1>\(title)</h1>
                <p class="error-message">\(t.pick(classified.message))</p>
                \(fieldList)
                \(link)
                <p><a href="\(SiteURL.home)">\(t(.home))</a></p>
                """)
            response = Response(status: classified.status)
            response.headers.contentType = .html
            response.body = .init(string: page.rendered)
        }
        if let seconds = classified.retryAfter {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        }
        if classified.status == .unauthorized && request.requestPath.hasPrefix("/api/") {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
        }
        return response
    }
}
