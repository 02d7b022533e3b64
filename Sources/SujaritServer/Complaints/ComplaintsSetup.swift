import Foundation
import Vapor
import SujaritCore
import SujaritPersistence
import SujaritVault

// MARK: Application storage

struct ComplaintVaultKey: StorageKey { typealias Value = ComplaintVault }
struct ComplaintThrottleKey: StorageKey { typealias Value = ComplaintThrottle }
struct ReceiptRoundsKey: StorageKey { typealias Value = Int }
struct DecoyVerifierKey: StorageKey { typealias Value = ReceiptVerifier }
struct EvidenceRootKey: StorageKey { typealias Value = URL }

extension Application {
    /// The vault that seals complaint content. Loaded at start (`configureComplaints`) from
    /// `SUJARIT_VAULT_KEY` or the key file; tests get a key that lives only in memory.
    public var complaintVault: ComplaintVault {
        get {
            guard let vault = storage[ComplaintVaultKey.self] else {
                fatalError("configureComplaints(_:) was not called")
            }
            return vault
        }
        set { storage[ComplaintVaultKey.self] = newValue }
    }

    /// The storage directory (`SUJARIT_STORAGE_DIR`, default `./data/storage`); complaint
    /// evidence lives, sealed, in its `complaints/` subfolder. Tests get a fresh temporary one.
    public var storageRoot: URL {
        get { storage[EvidenceRootKey.self] ?? EvidenceStorage.rootDirectory() }
        set { storage[EvidenceRootKey.self] = newValue }
    }

    /// The sealed, content-addressed evidence files of complaint cases.
    public var complaintEvidence: EvidenceStorage { EvidenceStorage(root: storageRoot, vault: complaintVault) }

    /// PBKDF2 rounds of new receipt hashes (210,000; tests lower it).
    public var receiptHashRounds: Int {
        get { storage[ReceiptRoundsKey.self] ?? ReceiptVerifier.defaultRounds }
        set { storage[ReceiptRoundsKey.self] = newValue }
    }

    /// A hash of a random code with the rounds real receipt hashes have: checked when no case
    /// matches a typed code, so that a wrong code takes as long as a right one.
    var decoyReceiptVerifier: ReceiptVerifier {
        let rounds = receiptHashRounds
        if let decoy = storage[DecoyVerifierKey.self], decoy.encoded.hasPrefix("pbkdf2-sha256-v2$\(rounds)$") { return decoy }
        // The same kind of verifier new cases get (it derives a reporter key too), so that the work is the same.
        let decoy = (try? ReceiptVerifier.makeWithReporterKey(for: .generate(), rounds: rounds).0) ?? ReceiptVerifier(encoded: "")
        storage[DecoyVerifierKey.self] = decoy
        return decoy
    }

    var complaintThrottle: ComplaintThrottle {
        if let throttle = storage[ComplaintThrottleKey.self] { return throttle }
        let throttle = ComplaintThrottle()
        storage[ComplaintThrottleKey.self] = throttle
        return throttle
    }
}

/// Sets up the complaint channel: the vault (a key file is created, with a warning, on the
/// first start) and the in-memory rate limits. In the testing environment the vault key is
/// random and kept in memory only.
func configureComplaints(_ app: Application) throws {
    app.storage[ComplaintThrottleKey.self] = ComplaintThrottle()
    // An officer's sealing key is opened at sign-in and re-locked on a password change.
    app.passwordHooks.signedIn.append { request, userID, password, response in
        try await ComplaintKeyring.signedIn(request, userID: userID, password: password, response: response)
    }
    app.passwordHooks.tokenIssued.append { request, userID, password, token, expiresAt in
        try await ComplaintKeyring.tokenIssued(request, userID: userID, password: password, token: token, expiresAt: expiresAt)
    }
    app.passwordHooks.passwordChanged.append { request, userID, oldPassword, newPassword in
        try await ComplaintKeyring.passwordChanged(request, userID: userID, oldPassword: oldPassword, newPassword: newPassword)
    }
    if app.environment == .testing {
        app.complaintVault = .ephemeral()
        app.storageRoot = FileManager.default.temporaryDirectory.appendingPathComponent("sujarit-test-storage-\(ProcessInfo.processInfo.globallyUniqueString)", isDirectory: true)
        app.receiptHashRounds = 1_000
        app.officerKeyRounds = 1_000
        _ = app.decoyReceiptVerifier
    } else {
        let logger = app.logger
        app.complaintVault = try VaultKeySource.fromEnvironment().load { warning in logger.warning("\(warning)") }
        app.storageRoot = EvidenceStorage.rootDirectory()
        _ = app.decoyReceiptVerifier
        if logger.logLevel <= .trace {
            logger.warning("LOG_LEVEL trace: Vapor logs every request head, client addresses of complaint reporters included. Do not run production at trace.")
        }
    }
}

// MARK: Rate limits

/// In-memory limits of the reporting and tracking paths, per server process. Client addresses
/// are kept only as a keyed hash under a key made at start and never stored, for at most an
/// hour; nothing of this reaches the disk.
final class ComplaintThrottle: @unchecked Sendable {
    static let trackingPerClient = SignInThrottle.Limit(failures: 10, window: 15 * 60)
    static let trackingPerOrganization = SignInThrottle.Limit(failures: 200, window: 15 * 60)
    static let trackingEverywhere = SignInThrottle.Limit(failures: 1_000, window: 15 * 60)
    static let reportsPerClient = SignInThrottle.Limit(failures: 5, window: 60 * 60)
    static let reportsPerOrganization = SignInThrottle.Limit(failures: 100, window: 24 * 3600)

    let tracking = SignInThrottle()
    let reports = SignInThrottle()
    let hashClient = ComplaintVault.ephemeralHasher()

    func clientKey(_ request: Request) -> String {
        hashClient(Authentication.clientAddress(request) ?? "unknown")
    }

    /// Keyed by the organization's address name, so that a limited request is refused before
    /// anything is read from the database.
    func trackingKeys(_ request: Request, slug: String) -> [SignInThrottle.Key] {
        [SignInThrottle.Key(name: "c:" + clientKey(request), limit: Self.trackingPerClient),
         SignInThrottle.Key(name: "o:" + String(slug.prefix(100)), limit: Self.trackingPerOrganization),
         SignInThrottle.Key(name: "all", limit: Self.trackingEverywhere)]
    }

    func reportKeys(_ request: Request, organizationID: UUID) -> [SignInThrottle.Key] {
        [SignInThrottle.Key(name: "c:" + clientKey(request), limit: Self.reportsPerClient),
         SignInThrottle.Key(name: "o:" + organizationID.uuidString, limit: Self.reportsPerOrganization)]
    }
}

// MARK: Privacy of the reporting paths

enum ComplaintPaths {
    /// `/o/{slug}/report`, `/o/{slug}/grievance` and everything under them: the reporter's paths.
    static func isReporterPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return parts.count >= 3 && parts[0] == "o" && (parts[2] == "report" || parts[2] == "grievance")
    }
}

/// Vapor's route logging, except on the reporter's paths, where nothing about the request
/// (path, request id, time) is logged.
struct ComplaintAwareRouteLogging: AsyncMiddleware {
    var logLevel: Logger.Level = .info

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !ComplaintPaths.isReporterPath(request.requestPath) {
            request.logger.log(level: logLevel, "\(request.method) \(request.requestPath.removingPercentEncoding ?? request.requestPath)")
        }
        return try await next.respond(to: request)
    }
}

/// The headers of every reporter page, error answers included: never cached, no referrer, a
/// CSP that allows nothing from anywhere else.
struct ComplaintPrivacyMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = SujaritErrorMiddleware.response(for: error, request: request)
        }
        Self.apply(to: response)
        return response
    }

    static func apply(to response: Response) {
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Pragma", value: "no-cache")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
    }
}

/// Staff pages of cases: never cached, no referrer (case ids must not leave in a Referer).
struct ComplaintStaffHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = SujaritErrorMiddleware.response(for: error, request: request)
        }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }
}

/// A form token for the anonymous forms that needs no server session (so a reporter leaves no
/// session row in the database): a random value in a strict same-site cookie, repeated in the
/// form (double submit).
enum ReporterFormToken {
    static let cookieName = "sujarit_report"
    static let fieldName = "_rt"

    static func token(_ request: Request) -> String {
        if let existing = request.cookies[cookieName]?.string, existing.count == 43 { return existing }
        if let made = request.storage[TokenKey.self] { return made }
        let made = [UInt8].random(count: 32).base64URL
        request.storage[TokenKey.self] = made
        return made
    }

    struct TokenKey: StorageKey { typealias Value = String }

    static func field(_ request: Request) -> HTML {
        "<input type=\"hidden\" name=\"\(fieldName)\" value=\"\(token(request))\">"
    }

    /// Sets the cookie when this request made a new token.
    static func attach(to response: Response, for request: Request) {
        guard let made = request.storage[TokenKey.self] else { return }
        response.cookies[cookieName] = HTTPCookies.Value(string: made, path: "/o", isSecure: request.application.sujaritSettings.secureCookies,
                                                         isHTTPOnly: true, sameSite: .strict)
    }

    static func verify(_ request: Request, sent: String?) throws {
        guard let cookie = request.cookies[cookieName]?.string, let sent, CSRF.constantTimeEqual(cookie, sent) else {
            throw SujaritError(.forbidden, LocalizedText(.msgFormExpired))
        }
    }
}

extension CalendarDay {
    /// Today in Thai time, from the application's clock.
    static func today(_ app: Application) -> CalendarDay { CalendarDay(app.sujaritClock()) }
}

/// Static files of the complaint pages: a small stylesheet and the print button's script.
enum ComplaintAssets {
    static let stylesheet = """
        .receipt { border: 3px solid #1d4f91; border-radius: 10px; padding: 16px; margin: 16px 0; text-align: center; }
        .receipt-code { font-size: clamp(18px, 6.5vw, 40px); font-weight: bold; letter-spacing: 2px; font-family: monospace; margin: 12px 0; word-spacing: 8px; white-space: nowrap; }
        .warning-strong { background: #fdecec; border: 2px solid #c0392b; padding: 10px 14px; border-radius: 6px; font-weight: bold; }
        .overdue { color: #b00020; font-weight: bold; }
        .due-soon { color: #8a5a00; font-weight: bold; }
        .badge { display: inline-block; min-width: 1.5em; padding: 0 6px; border-radius: 10px; background: #b00020; color: #fff; text-align: center; }
        .hint { color: #555; font-size: 90%; }
        .field-error { color: #b00020; }
        .message { border-left: 4px solid #b8c2d3; padding: 4px 12px; margin: 8px 0; white-space: pre-wrap; }
        .message.note { border-color: #e8cf87; background: #fff8e6; }
        .message.reply { border-color: #1d4f91; }
        .report-field { white-space: pre-wrap; }
        .complaint-form label { display: block; margin-top: 12px; font-weight: bold; }
        .complaint-form textarea, .complaint-form input[type=text] { width: 100%; max-width: 40em; }
        .stats td, .stats th { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        @media print {
          @page { size: A5; margin: 12mm; }
          header, footer, nav, .site-header, .site-footer, .no-print { display: none !important; }
          .receipt-code { font-size: 20px; letter-spacing: 1px; word-spacing: 6px; }
          .receipt { border-width: 2px; }
        }
        """

    static let script = """
        document.addEventListener('DOMContentLoaded', function () {
          var button = document.getElementById('print-receipt');
          if (button) { button.hidden = false; button.addEventListener('click', function () { window.print(); }); }
        });
        """
}
