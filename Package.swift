// swift-tools-version: 6.0
import PackageDescription

// Import direction (DESIGN.md §2):
//   drtop ─> DRTerminal ─> DRRender ─> DRCore
//     │        └─> CNcursesW
//     ├─> DRSources ─> DRCore
//     └─> DRMetrics ─> DRCore   (Prometheus exposition for `drtop serve`)
// DRCore and DRRender do no I/O; only DRTerminal touches ncurses.
let package = Package(
    name: "drtop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "drtop", targets: ["drtop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesW", path: "Sources/CNcursesW"),
        // libcurl's easy interface for HTTP (Debian: libcurl4-openssl-dev).
        .systemLibrary(name: "CCurl", path: "Sources/CCurl"),
        .target(name: "DRCore"),
        .target(name: "DRSources", dependencies: [
            "DRCore", "CCurl", .product(name: "Crypto", package: "swift-crypto"), .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "DRRender", dependencies: ["DRCore"]),
        .target(name: "DRMetrics", dependencies: ["DRCore", .product(name: "Prometheus", package: "swift-prometheus")]),
        .target(name: "DRTerminal", dependencies: ["DRRender", "CNcursesW"]),
        .executableTarget(
            name: "drtop",
            dependencies: [
                "DRCore", "DRSources", "DRRender", "DRTerminal", "DRMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            // Load only the libraries drtop calls: start-up time and resident memory (issue 7).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--as-needed"], .when(platforms: [.linux]))]
        ),
        // The render benchmark (bench/run.sh runs it in release): frames, keys and snapshots at fleet sizes.
        .executableTarget(name: "drtop-bench", dependencies: ["DRCore", "DRRender"]),
        // The fuzz targets (fuzz/run.sh builds them with libFuzzer; a plain build replays corpora).
        .executableTarget(name: "drtop-fuzz", dependencies: ["DRCore", "DRRender", "DRSources", "DRTerminal"]),
        .target(name: "DRTestSupport", dependencies: ["DRCore", "DRSources"], path: "Tests/DRTestSupport"),
        .testTarget(name: "DRCoreTests", dependencies: ["DRCore", "DRTestSupport"]),
        .testTarget(name: "DRSourcesTests", dependencies: ["DRSources", "DRCore", "DRTestSupport"], exclude: ["Vectors", "Moto"]),
        .testTarget(name: "DRRenderTests", dependencies: ["DRRender", "DRCore", "DRTestSupport"]),
        .testTarget(name: "DRTerminalTests", dependencies: ["DRTerminal", "DRRender"]),
        .testTarget(name: "DRMetricsTests", dependencies: ["DRMetrics", "DRCore", "DRTestSupport"]),
        .testTarget(name: "drtopTests", dependencies: ["DRCore", "DRSources", "DRTestSupport"], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
