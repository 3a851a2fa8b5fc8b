// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Loa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "loa", targets: ["loa"]),
        .library(name: "CampaignModel", targets: ["CampaignModel"]),
        .library(name: "MarkdownRendering", targets: ["MarkdownRendering"]),
        .library(name: "SMSExport", targets: ["SMSExport"]),
        .library(name: "SiteExport", targets: ["SiteExport"]),
        .library(name: "RegionPlanner", targets: ["RegionPlanner"]),
        .library(name: "ContentStore", targets: ["ContentStore"]),
        .library(name: "ContentFiles", targets: ["ContentFiles"]),
        .library(name: "LoaCommands", targets: ["LoaCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: ["FullFoundation"]),
        // Hummingbird's own service runner; named here because the shutdown test drives a ServiceGroup itself.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        // Hummingbird's own SwiftNIO, named for the channel handler that answers cached reads on the event loop.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "CampaignModel"),
        .target(name: "FileOutput"),
        .target(name: "MarkdownRendering", dependencies: ["CCmark", "CampaignModel"]),
        .target(name: "SMSExport", dependencies: ["CampaignModel", "FileOutput"]),
        .target(name: "RegionPlanner", dependencies: ["CampaignModel", "FileOutput"]),
        .target(name: "SiteExport", dependencies: [
            "CampaignModel", "MarkdownRendering",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ],
        // The built-in theme is compiled into the program rather than copied beside it, so `loa` is one file
        // to install or copy (see `SiteTheme`); its README is for people writing a theme of their own.
        exclude: ["Resources/Theme/README.md"],
        resources: ["about.mustache", "base.mustache", "index.mustache", "languages.mustache", "material.mustache",
                    "print.css", "style.css"].map { .embedInCode("Resources/Theme/\($0)") }),
        .target(name: "ContentStore", dependencies: [
            "CampaignModel", "MarkdownRendering",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API, which GRDB is built on: the import binds and steps its statements directly.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "ContentFiles", dependencies: [
            "CampaignModel", "FileOutput",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "APIServer", dependencies: [
            "CampaignModel", "ContentStore", "ContentFiles", "MarkdownRendering", "RegionPlanner",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        .target(name: "LoaCommands", dependencies: [
            "CampaignModel", "FileOutput", "MarkdownRendering", "ContentStore", "ContentFiles", "SMSExport", "SiteExport", "RegionPlanner", "APIServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "loa", dependencies: ["LoaCommands"]),

        .testTarget(name: "CampaignModelTests", dependencies: [
            "CampaignModel", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "MarkdownRenderingTests", dependencies: [
            "MarkdownRendering", .product(name: "PropertyBased", package: "swift-property-based"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "SMSExportTests", dependencies: [
            "SMSExport", "FileOutput", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SiteExportTests", dependencies: ["SiteExport", "CampaignModel"], exclude: ["screenshots.sh"]),
        .testTarget(name: "RegionPlannerTests", dependencies: ["RegionPlanner", "ContentFiles"]),
        .testTarget(name: "APIServerTests", dependencies: [
            "APIServer", "CampaignModel", "ContentStore",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        .testTarget(name: "ContentStoreTests", dependencies: ["ContentStore", "ContentFiles"]),
        .testTarget(name: "ContentFilesTests", dependencies: ["ContentFiles"]),
        .testTarget(name: "LoaCommandsTests", dependencies: ["LoaCommands", "ContentStore"]),
    ],
    swiftLanguageModes: [.v6]
)
