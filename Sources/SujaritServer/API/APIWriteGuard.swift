import Vapor
import SujaritCore

/// Writes to the JSON API (`/api/v1`, any method but GET, HEAD and OPTIONS) are for scripts: they
/// must carry a bearer token from `POST /api/v1/sessions`, and a body must be `application/json`.
///
/// A browser's session cookie alone never authorises an API write: another site could make the
/// browser send a `text/plain` POST with the cookie attached (no CORS preflight is needed for
/// that), and the API has no CSRF token. Signing in (`POST /api/v1/sessions`) needs no token, but
/// its body must be JSON too, which a cross-site form cannot send.
struct APIWriteGuard: AsyncMiddleware {
    static let readMethods: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.requestPath
        guard path == "/api/v1" || path.hasPrefix("/api/v1/"), !Self.readMethods.contains(request.method) else {
            return try await next.respond(to: request)
        }
        let signingIn = request.method == .POST && (path == "/api/v1/sessions" || path == "/api/v1/sessions/")
        if !signingIn && request.headers.bearerAuthorization == nil {
            throw SujaritError(.unauthorized, LocalizedText(.msgAPIWritesNeedToken))
        }
        let hasBody = (request.body.data?.readableBytes ?? 0) > 0
            || (request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0) > 0
        if hasBody, request.headers.contentType?.subType != "json" || request.headers.contentType?.type != "application" {
            throw SujaritError(.unsupportedMediaType, LocalizedText(.msgBodyMustBeJSON))
        }
        return try await next.respond(to: request)
    }
}
