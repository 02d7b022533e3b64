// swift-tools-version:6.0
import PackageDescription

/// Sujarit (สุจริต) — anti-corruption action plans and complaint channel for Thai local government.
///
/// Layering (a target depends only on targets to its left; see docs/architecture.md):
///   SujaritCore  <-  SujaritCatalog  <-  SujaritImport / SujaritExport / SujaritVault
///                                    <-  SujaritPersistence / SujaritAPIModels
///                                    <-  SujaritServer  <-  sujarit
///   SujaritDemo (the demo organization and plan, the export benchmark) sits beside Import and
///   Export and is used only by the server's demo loader, the CLI and the tests.
/// Core, Catalog, Import, Export, Vault, Demo and APIModels never import Vapor, Fluent or NIO
/// (`.ci/run` checks); only SujaritPersistence uses FluentKit and only SujaritServer uses Vapor.
let package = Package(
    name: "Sujarit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sujarit", targets: ["sujarit"]),
        .library(name: "SujaritCore", targets: ["SujaritCore"]),
        .library(name: "SujaritImport", targets: ["SujaritImport"]),
        .library(name: "SujaritExport", targets: ["SujaritExport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // Already used by Vapor; named here for SujaritVault (ChaCha20-Poly1305, HKDF, PBKDF2).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(name: "SujaritCore"),
        // The catalogs as data: plan cycles (PlanCatalog) and the 30 standard measures.
        .target(name: "SujaritCatalog", dependencies: ["SujaritCore"]),
        // Demo organization and plan, for `sujarit demo`, the server's demo loader and tests.
        .target(name: "SujaritDemo", dependencies: ["SujaritCore", "SujaritCatalog", "SujaritExport"]),
        .target(
            name: "SujaritImport",
            dependencies: [
                "SujaritCore",
                "SujaritCatalog",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "SujaritExport",
            dependencies: [
                "SujaritCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "SujaritVault",
            dependencies: [
                "SujaritCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SujaritPersistence",
            dependencies: [
                "SujaritCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                // SHA-256 of the complaint log's hash chain.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(
            name: "SujaritAPIModels",
            dependencies: ["SujaritCore"]
        ),
        .target(
            name: "SujaritServer",
            dependencies: [
                "SujaritCore",
                "SujaritCatalog",
                "SujaritDemo",
                "SujaritImport",
                "SujaritExport",
                "SujaritPersistence",
                "SujaritAPIModels",
                "SujaritVault",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "sujarit",
            dependencies: [
                "SujaritCore",
                "SujaritDemo",
                "SujaritImport",
                "SujaritExport",
                "SujaritPersistence",
                "SujaritServer",
                "SujaritVault",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(
            name: "SujaritTestSupport",
            dependencies: ["SujaritCore", "SujaritCatalog", "SujaritDemo"],
            path: "Tests/SujaritTestSupport"
        ),
        .testTarget(
            name: "SujaritCoreTests",
            dependencies: ["SujaritCore", "SujaritCatalog", "SujaritDemo", "SujaritTestSupport"]
        ),
        .testTarget(
            name: "SujaritVaultTests",
            dependencies: ["SujaritVault"]
        ),
        .testTarget(
            name: "SujaritImportTests",
            dependencies: ["SujaritCore", "SujaritCatalog", "SujaritImport", "SujaritTestSupport"],
            // Plain documents the tests read by path (not resources of the test bundle).
            exclude: ["Fixtures2561", "Unseen"]
        ),
        .testTarget(
            name: "SujaritExportTests",
            dependencies: [
                "SujaritCore",
                "SujaritCatalog",
                "SujaritDemo",
                "SujaritImport",
                "SujaritExport",
                "SujaritTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "SujaritServerTests",
            dependencies: [
                "SujaritCore",
                "SujaritCatalog",
                "SujaritDemo",
                "SujaritServer",
                "SujaritExport",
                "SujaritPersistence",
                "SujaritAPIModels",
                "SujaritVault",
                "SujaritTestSupport",
                .product(name: "XCTVapor", package: "vapor"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
