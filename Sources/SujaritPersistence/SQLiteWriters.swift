import Foundation
import FluentKit
import FluentSQL
import FluentSQLiteDriver

/// SQLite made safe for several writers at once.
///
/// Fluent opens SQLite transactions with a plain (deferred) `BEGIN`: the transaction reads
/// first and only asks for the write lock at its first write. When two such transactions
/// overlap, the second cannot upgrade its read snapshot to a write lock and SQLite answers
/// "database is locked" at once, without waiting (waiting could deadlock). This wrapper opens
/// every transaction with `BEGIN IMMEDIATE` instead, so a writer takes the write lock before it
/// reads anything and the others wait for it (up to the busy timeout) instead of failing.
///
/// It also sets `PRAGMA busy_timeout` on every connection that opens a transaction (SQLiteNIO's
/// own busy handler retries forever without sleeping), and turns a lock that is still busy
/// after the timeout into `StoreError.busy`, which the server answers with 503 and a message.
struct SQLiteWritersConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    var busyTimeoutMilliseconds: Int

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        SQLiteWritersDriver(base: base.makeDriver(for: databases), busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }
}

struct SQLiteWritersDriver: DatabaseDriver {
    let base: any DatabaseDriver
    let busyTimeoutMilliseconds: Int

    func makeDatabase(with context: DatabaseContext) -> any Database {
        let database = base.makeDatabase(with: context)
        guard let sql = database as? any SQLDatabase else { return database }
        return SQLiteWritersDatabase(base: database, sql: sql, busyTimeoutMilliseconds: busyTimeoutMilliseconds, inTransaction: false)
    }

    func shutdown() { base.shutdown() }

    func shutdownAsync() async { await base.shutdownAsync() }
}

struct SQLiteWritersDatabase: Database, SQLDatabase {
    let base: any Database
    let sql: any SQLDatabase
    let busyTimeoutMilliseconds: Int
    let inTransaction: Bool

    var context: DatabaseContext { base.context }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput).flatMapErrorThrowing { throw SQLiteBusy.translate($0) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        base.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        base.execute(enum: `enum`)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let timeout = busyTimeoutMilliseconds, inTransaction = inTransaction
        return base.withConnection { connection in
            closure(Self.wrap(connection, busyTimeoutMilliseconds: timeout, inTransaction: inTransaction))
        }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        let timeout = busyTimeoutMilliseconds
        return base.withConnection { connection in
            let inside = Self.wrap(connection, busyTimeoutMilliseconds: timeout, inTransaction: true)
            guard let session = inside as? SQLiteWritersDatabase else { return closure(inside) }
            return session.sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(timeout))").run()
                .flatMap { session.sql.raw("BEGIN IMMEDIATE TRANSACTION").run() }
                .flatMapErrorThrowing { throw SQLiteBusy.translate($0) }
                .flatMap {
                    closure(inside)
                        .flatMap { result in session.sql.raw("COMMIT TRANSACTION").run().map { result } }
                        .flatMapError { error in
                            session.sql.raw("ROLLBACK TRANSACTION").run()
                                .flatMapErrorThrowing { _ in () }
                                .flatMapThrowing { throw SQLiteBusy.translate(error) }
                        }
                }
        }
    }

    static func wrap(_ database: any Database, busyTimeoutMilliseconds: Int, inTransaction: Bool) -> any Database {
        guard let sql = database as? any SQLDatabase else { return database }
        return SQLiteWritersDatabase(base: database, sql: sql, busyTimeoutMilliseconds: busyTimeoutMilliseconds, inTransaction: inTransaction)
    }

    // SQLDatabase

    var dialect: any SQLDialect { sql.dialect }

    var version: (any SQLDatabaseReportedVersion)? { sql.version }

    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow).flatMapErrorThrowing { throw SQLiteBusy.translate($0) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        do {
            try await sql.execute(sql: query, onRow)
        } catch {
            throw SQLiteBusy.translate(error)
        }
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await sql.withSession(closure)
    }
}

/// Recognises SQLite's "database is locked/busy" answers.
enum SQLiteBusy {
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError else { return error }
        switch error.reason {
        case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache:
            return StoreError.busy
        default:
            return error
        }
    }
}
