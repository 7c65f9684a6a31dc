// swift-tools-version: 6.0
import PackageDescription

// Import direction (ARCHITECTURE.md; arrows are imports, never the other way):
//   drtop ─> DRTerminal ─> DRRender ─> DRCore
//     │        └─> CNcursesW
//     ├─> DRMetrics ─> DRCore            (Prometheus exposition for `drtop serve`)
//     └─> DRFrontDoor                    (the configuration file; a SourceRequest in, a built source out)
//           ├─> DRDemo ──────────────┐   (the simulator)
//           ├─> DRAWS ─┬─> DRWire    │   (S3 + CloudWatch; DRWire: signed HTTP, credentials, XML, ISO 8601)
//           ├─> DRCeph ┘     └─> CCurl
//           └──────────────> DRSourceKit ─> DRCore   (the seam: ReplicationSource, Poller, CompositeSource)
// A backend (DRDemo, DRAWS, DRCeph) imports the seam, the wire (not the demo) and DRCore, never another backend;
// only DRFrontDoor sees them all. DRCore and DRRender do no I/O; only DRTerminal touches ncurses.
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
        // A cache prefetch hint (header only), for judging snapshots larger than the caches.
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .target(name: "DRCore", dependencies: ["CPrefetch"]),
        // glibc's mallopt (header only), for the executable to set malloc's arenas and mmap threshold at start.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // The signed-HTTP wire AWS and Ceph share: libcurl transport, SigV4, the credential chain, XML, ISO 8601.
        .target(name: "DRWire", dependencies: ["DRCore", "CCurl", .product(name: "Crypto", package: "swift-crypto")]),
        // The source seam: what a source is, the poller that drives one, and the composite of two.
        .target(name: "DRSourceKit", dependencies: ["DRCore"]),
        // One target per backend: each sees the seam (and the wire), never another backend.
        .target(name: "DRDemo", dependencies: ["DRCore", "DRSourceKit"]),
        .target(name: "DRAWS", dependencies: ["DRCore", "DRSourceKit", "DRWire"]),
        .target(name: "DRCeph", dependencies: ["DRCore", "DRSourceKit", "DRWire"]),
        // The front door: reads the configuration and builds the sources a request asks for.
        .target(name: "DRFrontDoor", dependencies: [
            "DRCore", "DRSourceKit", "DRWire", "DRDemo", "DRAWS", "DRCeph", .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "DRRender", dependencies: ["DRCore"]),
        .target(name: "DRMetrics", dependencies: ["DRCore", .product(name: "Prometheus", package: "swift-prometheus")]),
        .target(name: "DRTerminal", dependencies: ["DRRender", "CNcursesW"]),
        .executableTarget(
            name: "drtop",
            dependencies: [
                "DRCore", "DRFrontDoor", "DRSourceKit", "DRWire", "DRDemo", "DRAWS", "DRRender", "DRTerminal", "DRMetrics",
                "CMalloc", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            // Load only the libraries drtop calls: start-up time and resident memory (issue 7).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--as-needed"], .when(platforms: [.linux]))]
        ),
        // The render benchmark (bench/run.sh runs it in release): frames, keys and snapshots at fleet sizes.
        .executableTarget(name: "drtop-bench", dependencies: ["DRCore", "DRRender"]),
        // The fuzz targets (fuzz/run.sh builds them with libFuzzer; a plain build replays corpora).
        .executableTarget(name: "drtop-fuzz", dependencies: ["DRCore", "DRRender", "DRWire", "DRAWS", "DRFrontDoor", "DRTerminal"]),
        .target(name: "DRTestSupport", dependencies: ["DRCore", "DRWire", "DRSourceKit", "DRDemo", "DRAWS", "DRCeph", "DRFrontDoor"], path: "Tests/DRTestSupport"),
        .testTarget(name: "DRCoreTests", dependencies: ["DRCore", "DRTestSupport"]),
        .testTarget(name: "DRSourcesTests", dependencies: ["DRWire", "DRSourceKit", "DRDemo", "DRAWS", "DRCeph", "DRFrontDoor", "DRCore", "DRTestSupport"],
                    exclude: ["Vectors", "Moto"]),
        .testTarget(name: "DRRenderTests", dependencies: ["DRRender", "DRCore", "DRTestSupport"]),
        .testTarget(name: "DRTerminalTests", dependencies: ["DRTerminal", "DRRender"]),
        .testTarget(name: "DRMetricsTests", dependencies: ["DRMetrics", "DRCore", "DRTestSupport"]),
        .testTarget(name: "drtopTests", dependencies: ["DRCore", "DRWire", "DRSourceKit", "DRDemo", "DRAWS", "DRCeph", "DRFrontDoor", "DRTestSupport"], exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
