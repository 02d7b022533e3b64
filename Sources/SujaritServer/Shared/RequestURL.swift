import Foundation
import Vapor

/// The request's path and query, read once. Vapor's `URI` answers `path` and `query` through
/// `URLComponents` on every read (and `path` searches the text again for `%3B`); the middleware
/// and the public cache read them several times per request, which showed up as several per
/// cent of a cached page's CPU in a profile.
extension Request {
    /// `url.path` (percent-encoded), computed on first use.
    var requestPath: String {
        if let path = storage[RequestPathKey.self] { return path }
        let path = url.path
        storage[RequestPathKey.self] = path
        return path
    }

    /// `url.query` (percent-encoded; nil when there is none), computed on first use.
    var requestQuery: String? {
        if let query = storage[RequestQueryKey.self] { return query.isEmpty ? nil : query }
        let query = url.query ?? ""
        storage[RequestQueryKey.self] = query
        return query.isEmpty ? nil : query
    }
}

struct RequestPathKey: StorageKey { typealias Value = String }
struct RequestQueryKey: StorageKey { typealias Value = String }
