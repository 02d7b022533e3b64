import Foundation
import Vapor
import Fluent
import SujaritPersistence

/// A read replica of the PostgreSQL database (`DATABASE_READ_URL`) for the reads that tolerate
/// a little lag: what anonymous readers see (public plan pages, organization pages, the
/// directory, the public API) and the overseers' dashboards. Everything else — every write,
/// sessions and sign-in, and whatever a signed-in person reads (they may have just written it)
/// — stays on the primary. For `SUJARIT_REPLICA_LAG_SECONDS` (default 10) after this server
/// wrote something the public sees (a publish, a round approved, an organization's details),
/// lag-tolerant reads go to the primary too, so the change shows here at once.
struct ReadReplica: Sendable {
    static let databaseID = DatabaseID(string: "sujarit-read")
    static let defaultLagSeconds: TimeInterval = 10

    /// How long after a write through this server its public reads stay on the primary.
    var lagWindow: TimeInterval

    /// Registers the replica's connection pool, when one is configured. The replica must be the
    /// same kind of database as the primary (a copy of it), never SQLite in memory (that would
    /// be an empty database of its own).
    static func configure(_ app: Application, settings: ServerSettings,
                          environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        app.storage[ReadReplicaKey.self] = nil
        guard let read = settings.readDatabase else { return }
        if case .sqliteMemory = read {
            throw ReplicaSettingError("the read replica cannot be SQLite in memory")
        }
        guard read.isPostgres == settings.database.isPostgres else {
            throw ReplicaSettingError("DATABASE_READ_URL is a replica of DATABASE_URL: set both to PostgreSQL addresses")
        }
        app.databases.use(try read.factory(), as: databaseID, isDefault: false)
        let lag = environment["SUJARIT_REPLICA_LAG_SECONDS"].flatMap(TimeInterval.init).map { max(0, min($0, 3_600)) }
        app.storage[ReadReplicaKey.self] = ReadReplica(lagWindow: lag ?? defaultLagSeconds)
        app.logger.info("public reads that tolerate lag go to the read replica \(read.redacted)")
    }
}

struct ReplicaSettingError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct ReadReplicaKey: StorageKey { typealias Value = ReadReplica }

extension Application {
    var readReplica: ReadReplica? { storage[ReadReplicaKey.self] }
}

extension Request {
    /// The database for a read that tolerates lag: the replica when one is configured and this
    /// server has not just written something the public sees; otherwise the primary (`db`).
    var lagTolerantDB: any Database {
        guard let replica = application.readReplica,
              !application.publishedCache.invalidated(within: replica.lagWindow) else { return db }
        return db(ReadReplica.databaseID)
    }

    /// For pages and API answers anyone may read: the replica for anonymous readers, the primary
    /// for a signed-in person.
    var publicDB: any Database { viewer == nil ? lagTolerantDB : db }

    /// The stores on `publicDB`.
    var publicStores: Stores { Stores(database: publicDB) }

    /// The stores on `lagTolerantDB` (the overseers' dashboards, anonymous cached pages).
    var lagTolerantStores: Stores { Stores(database: lagTolerantDB) }
}
