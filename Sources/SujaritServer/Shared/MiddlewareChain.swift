import Foundation
import Vapor

/// Several async middlewares run as one: each calls the next directly in the same task. Vapor
/// runs every `AsyncMiddleware` registered on its own through an event-loop future and a new
/// task; five of them in a row cost about as much CPU as the whole of a bare route (profile of
/// `sujarit bench serve`), so the application registers its middlewares in two chains around
/// Vapor's sessions middleware.
struct MiddlewareChain: AsyncMiddleware {
    let links: [any AsyncMiddleware]

    init(_ links: [any AsyncMiddleware]) { self.links = links }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await Link(rest: links[...], next: next).respond(to: request)
    }

    struct Link: AsyncResponder {
        let rest: ArraySlice<any AsyncMiddleware>
        let next: any AsyncResponder

        func respond(to request: Request) async throws -> Response {
            guard let first = rest.first else { return try await next.respond(to: request) }
            return try await first.respond(to: request, chainingTo: Link(rest: rest.dropFirst(), next: next))
        }
    }
}
