import Foundation
import XCTest
import XCTVapor
@testable import SujaritServer

/// `openapi.yaml` at the repository root must describe exactly the routes the application
/// registers under /api/v1: every route documented, every documented operation served.
final class OpenAPITests: ServerTestCase {
    struct Operation: Hashable, Comparable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
        static func < (a: Operation, b: Operation) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }

    static var specificationURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // SujaritServerTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // repository root
            .appendingPathComponent("openapi.yaml")
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// Reads the (method, path) pairs of `paths:` line by line: a path is a line
    /// `  /api/v1/…:` (two spaces), an operation a line `    get:` (four spaces) below it.
    static func documentedOperations(in text: String) throws -> [Operation] {
        var operations: [Operation] = []
        var inPaths = false
        var currentPath: String?
        for rawLine in text.components(separatedBy: .newlines) {
            let line = rawLine.replacingOccurrences(of: "\r", with: "")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                inPaths = trimmed == "paths:"
                currentPath = nil
                continue
            }
            guard inPaths else { continue }
            if indent == 2 {
                guard trimmed.hasPrefix("/"), trimmed.hasSuffix(":") else {
                    throw NSError(domain: "openapi", code: 1, userInfo: [NSLocalizedDescriptionKey: "unexpected line under paths: \(line)"])
                }
                var path = String(trimmed.dropLast())
                if path.count >= 2, (path.hasPrefix("'") && path.hasSuffix("'")) || (path.hasPrefix("\"") && path.hasSuffix("\"")) {
                    path = String(path.dropFirst().dropLast())
                }
                currentPath = path
            } else if indent == 4, let path = currentPath, trimmed.hasSuffix(":") {
                let key = String(trimmed.dropLast()).lowercased()
                if methods.contains(key) {
                    operations.append(Operation(method: key.uppercased(), path: path))
                }
            }
        }
        return operations
    }

    /// The application's routes under /api/v1, with `:param` written as `{param}`.
    func registeredOperations() -> [Operation] {
        app.routes.all.compactMap { route -> Operation? in
            let components = route.path.map { component -> String in
                switch component {
                case .constant(let text): text
                case .parameter(let name): "{\(name)}"
                case .anything: "*"
                case .catchall: "**"
                }
            }
            let path = "/" + components.joined(separator: "/")
            guard path.hasPrefix("/api/v1/") else { return nil }
            return Operation(method: route.method.rawValue.uppercased(), path: path)
        }
    }

    func testSpecificationDocumentsExactlyTheRegisteredRoutes() async throws {
        let text = try String(contentsOf: Self.specificationURL, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("openapi: 3.0.3"), "an OpenAPI 3.0.3 document")
        let documented = try Self.documentedOperations(in: text)
        let registered = registeredOperations()
        XCTAssertGreaterThanOrEqual(registered.count, 20, "the API registers its routes")
        XCTAssertEqual(documented.count, Set(documented).count, "an operation documented twice: \(documented.sorted())")
        XCTAssertEqual(registered.count, Set(registered).count, "a route registered twice")

        let undocumented = Set(registered).subtracting(documented).sorted()
        let notServed = Set(documented).subtracting(registered).sorted()
        XCTAssertTrue(undocumented.isEmpty, "routes missing from openapi.yaml: \(undocumented)")
        XCTAssertTrue(notServed.isEmpty, "operations in openapi.yaml that the application does not serve: \(notServed)")
    }

    func testEveryPathParameterIsDeclared() async throws {
        // Each `{name}` of a documented path appears as a parameter `name: name` in the file.
        let text = try String(contentsOf: Self.specificationURL, encoding: .utf8)
        let names = Set(try Self.documentedOperations(in: text).flatMap { operation in
            operation.path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
        })
        XCTAssertFalse(names.isEmpty)
        for name in names {
            XCTAssertTrue(text.contains("name: \(name)\n      in: path"), "path parameter \(name) is declared")
        }
    }

    func testParserSeesAnAddedRouteOrOperation() async throws {
        // The comparison is only as good as the parser: a made-up spec and a made-up route.
        let spec = """
            openapi: 3.0.3
            paths:
              /api/v1/things/{thingID}:
                parameters:
                  - name: thingID
                get:
                  responses: {}
                delete:
                  responses: {}
              /api/v1/other:
                post:
                  responses: {}
            components:
              schemas:
                get:
                  type: string
            """
        XCTAssertEqual(try Self.documentedOperations(in: spec), [
            Operation(method: "GET", path: "/api/v1/things/{thingID}"),
            Operation(method: "DELETE", path: "/api/v1/things/{thingID}"),
            Operation(method: "POST", path: "/api/v1/other"),
        ])
        let before = Set(registeredOperations())
        app.get("api", "v1", "made-up", ":thingID") { _ in "x" }
        let after = Set(registeredOperations())
        XCTAssertEqual(after.subtracting(before), [Operation(method: "GET", path: "/api/v1/made-up/{thingID}")])
    }
}
