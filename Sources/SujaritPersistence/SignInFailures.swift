import Foundation
import FluentKit
import FluentSQL
import Crypto
import SujaritCore

/// One failed sign-in under one key — table `sign_in_failures`. Keys are keyed hashes (HMAC
/// under `SignInFailureStore.key`) of "account:<name>" or "client:<address>": the table says
/// how often something failed, never which names or addresses were tried. Rows live only as
/// long as the window that counts them.
public final class SignInFailureRecord: Model, @unchecked Sendable {
    public static let schema = "sign_in_failures"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    /// Seconds since 1970 (a number on both engines, compared as one).
    @Field(key: "failed_at") public var failedAt: Double

    public init() {}
}

/// A secret shared by every server of an installation — table `server_secrets` (name, base64
/// value): made once by whichever server needs it first.
public final class ServerSecretRecord: Model, @unchecked Sendable {
    public static let schema = "server_secrets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "value") public var value: String

    public init() {}
}

struct CreateSignInFailures: AsyncMigration {
    var name: String { "2026-12-07-02-sign-in-failures" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SignInFailureRecord.schema)
            .id()
            .field("key", .string, .required)
            .field("failed_at", .double, .required)
            .create()
        try await database.schema(ServerSecretRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX IF NOT EXISTS sign_in_failures_key_idx ON \(ident: SignInFailureRecord.schema) (key, failed_at)").run()
            try await sql.raw("CREATE INDEX IF NOT EXISTS sign_in_failures_time_idx ON \(ident: SignInFailureRecord.schema) (failed_at)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ServerSecretRecord.schema).delete()
        try await database.schema(SignInFailureRecord.schema).delete()
    }
}

/// Failed sign-ins in the database, so that every server of an installation counts the same
/// failures (with two `sujarit serve` processes on one PostgreSQL the limits do not double).
public struct SignInFailureStore: Sendable {
    let database: any Database

    public init(_ database: any Database) { self.database = database }

    /// The installation's key for hashing sign-in keys: read, or made and stored on first use
    /// (`INSERT … ON CONFLICT DO NOTHING`, so two servers starting together agree on one).
    public func key() async throws -> SymmetricKey {
        let name = "sign-in-throttle"
        if let row = try await ServerSecretRecord.query(on: database).filter(\.$name == name).first(),
           let bytes = Data(base64Encoded: row.value), bytes.count == 32 {
            return SymmetricKey(data: bytes)
        }
        guard let sql = database as? any SQLDatabase else { throw StoreError.corrupt("database is not SQL") }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        try await sql.raw("""
            INSERT INTO \(ident: ServerSecretRecord.schema) (id, name, value) VALUES (\(bind: UUID()), \(bind: name), \(bind: fresh))
            ON CONFLICT (name) DO NOTHING
            """).run()
        guard let row = try await ServerSecretRecord.query(on: database).filter(\.$name == name).first(),
              let bytes = Data(base64Encoded: row.value), bytes.count == 32
        else { throw StoreError.corrupt("server_secrets “\(name)” is not a 32-byte key") }
        return SymmetricKey(data: bytes)
    }

    /// The times of the failures under each key since `since`, oldest first.
    public func failures(keys: [String], since: Double) async throws -> [String: [Double]] {
        guard !keys.isEmpty else { return [:] }
        let rows = try await SignInFailureRecord.query(on: database)
            .filter(\.$key ~~ keys).filter(\.$failedAt > since)
            .sort(\.$failedAt).all()
        var result: [String: [Double]] = [:]
        for row in rows { result[row.key, default: []].append(row.failedAt) }
        return result
    }

    /// Records one failure under each key at `at`, and deletes every failure older than
    /// `forgetBefore` (nothing counts them any more).
    public func record(keys: [String], at: Double, forgetBefore: Double) async throws {
        try await database.transaction { db in
            try await SignInFailureRecord.query(on: db).filter(\.$failedAt <= forgetBefore).delete()
            let rows = keys.map { key -> SignInFailureRecord in
                let row = SignInFailureRecord()
                row.id = UUID()
                row.key = key
                row.failedAt = at
                return row
            }
            try await rows.create(on: db)
        }
    }

    /// Forgets the failures under a key (a successful sign-in clears its account's count).
    public func clear(key: String) async throws {
        try await SignInFailureRecord.query(on: database).filter(\.$key == key).delete()
    }
}
