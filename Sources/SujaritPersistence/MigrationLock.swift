import Foundation
import Logging
import NIOCore
import FluentKit
import FluentPostgresDriver

/// Several servers starting at once on one PostgreSQL database migrate one after the other:
/// each runs its migrations while holding a session advisory lock taken on a connection of its
/// own (outside the pool, so the migrations themselves never wait for the lock's connection).
/// The first migrates; the others then find nothing left to do. Closing the connection, also
/// when the process dies, releases the lock. SQLite needs no lock (the migrations run as
/// they always did).
public enum MigrationLock {
    /// "SUJARIT" + 1 as a 64-bit key (the complaint log uses other keys).
    public static let key: Int64 = 0x5355_4A41_5249_5401

    public static func withLock<T>(_ setting: DatabaseSetting, logger: Logger, on eventLoop: any EventLoop,
                                   _ body: () async throws -> T) async throws -> T {
        guard case .postgres(let url) = setting else { return try await body() }
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration.coreConfiguration,
                                                              id: 0, logger: logger)
        do {
            for try await _ in try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger) {}
            let result = try await body()
            for try await _ in try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger) {}
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
