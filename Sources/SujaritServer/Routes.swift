import Foundation
import Vapor
import Fluent
import SujaritCore
import SujaritPersistence
import SujaritAPIModels

/// Registers every route. Handlers stay thin: decode, call one service function, render.
func registerRoutes(_ app: Application) throws {
    app.get("healthz", use: health)
    app.get("assets", "app.css") { _ -> Response in
        let response = Response(status: .ok, body: .init(string: Layout.stylesheet))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    app.get("assets", "editor.js") { _ -> Response in
        let response = Response(status: .ok, body: .init(string: Layout.editorScript))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    try app.register(collection: PublicPagesController())
    try app.register(collection: SignInController())
    try app.register(collection: PasswordController())
    try app.register(collection: APIController())
    try app.register(collection: APIEditingController())
    try app.register(collection: EditorController())
    try app.register(collection: CompareController())
    try app.register(collection: WizardController())
    try app.register(collection: ImportController())
    try app.register(collection: OrganizationController())
    try app.register(collection: ExportController())
    try app.register(collection: ComplaintReportController())
    try app.register(collection: ComplaintStaffController())
    try app.register(collection: MonitoringController())
    try app.register(collection: MonitoringAPIController())
    try app.register(collection: ResultsImportController())
    try app.register(collection: ResultsImportAPIController())
    try app.register(collection: ComplaintAPIController())
    try app.register(collection: OverseersController())
}

@Sendable func health(_ request: Request) async throws -> Response {
    // A real round trip to the database: a health check that cannot fail is no check.
    _ = try await OrganizationRecord.query(on: request.db).count()
    let body = HealthResponse(status: "ok", database: request.application.sujaritSettings.database.isPostgres ? "postgresql" : "sqlite")
    let response = Response(status: .ok)
    try response.content.encode(body, as: .json)
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
}
