// swift-tools-version:6.1
// Benchmark programs. They print figures and never pass or fail. A separate package, so that release builds
// of the benchmarks never slow the main build or CI: run them with `make bench` or `swift run -c release NAME`.
import PackageDescription

let package = Package(
    name: "LoaBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Loa", path: ".."),
    ],
    targets: [
        .target(name: "BenchmarkSupport"),
        .executableTarget(name: "markdown-benchmark", dependencies: [.product(name: "MarkdownRendering", package: "Loa")]),
        .executableTarget(name: "sms-benchmark", dependencies: [.product(name: "SMSExport", package: "Loa")]),
        .executableTarget(name: "planner-benchmark", dependencies: [
            "BenchmarkSupport", .product(name: "RegionPlanner", package: "Loa"), .product(name: "ContentFiles", package: "Loa"),
        ]),
        .executableTarget(name: "site-benchmark", dependencies: [
            "BenchmarkSupport", .product(name: "SiteExport", package: "Loa"), .product(name: "CampaignModel", package: "Loa"),
            .product(name: "ContentStore", package: "Loa"),
        ]),
        .executableTarget(name: "store-benchmark", dependencies: [
            "BenchmarkSupport", .product(name: "ContentStore", package: "Loa"), .product(name: "ContentFiles", package: "Loa"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
