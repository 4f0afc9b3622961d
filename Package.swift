// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: VTJCore ← VTJXML / VTJJSON ← VTJClient / VTJSheet / VTJOperator ← VTJDrop ← vtjdrop.
// The test server VTJSandbox is linked by the executable (demo, sandbox, a built-in interface) and the
// tests, never by the runtime library VTJDrop.
// MemberImportVisibility is left off: Glibc's `stat` is also declared by CDispatch (through
// Foundation), and which module "owns" it depends on compile batching, so builds became flaky.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "vtjdrop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vtjdrop", targets: ["vtjdrop"]),
        // For the fuzz package (Fuzz/Package.swift), which depends on this one by path.
        .library(name: "VTJCore", targets: ["VTJCore"]),
        .library(name: "VTJXML", targets: ["VTJXML"]),
        .library(name: "VTJJSON", targets: ["VTJJSON"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // MARK: - C libraries
        // Flags only: no Swift module ever imports libxml2 headers (ICU clash with Foundation).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Every libxml2 call lives here, behind a header that exposes only our own C types.
        .target(name: "CXMLShim", dependencies: ["CLibXML2"]),
        // libcurl with typed wrappers for its variadic setopt/getinfo.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // MARK: - Swift modules
        .target(name: "VTJCore", swiftSettings: strictSettings),
        .target(name: "VTJXML", dependencies: ["VTJCore", "CXMLShim"], swiftSettings: strictSettings),
        // Spreadsheets (.xlsx): results written and drops read, XML parts through VTJXML, the ZIP
        // container through ZIPFoundation.
        .target(
            name: "VTJSheet",
            dependencies: ["VTJCore", "VTJXML", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings
        ),
        // DVV's native JSON wire: a streaming reader and writer in plain Swift (no C library needed).
        .target(name: "VTJJSON", dependencies: ["VTJCore"], swiftSettings: strictSettings),
        .target(
            name: "VTJClient",
            dependencies: [
                "VTJCore", "VTJXML", "VTJJSON", "CCurl",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "VTJSandbox",
            dependencies: [
                "VTJCore", "VTJXML", "VTJJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // The operator's endpoint: /metrics, /healthz, /readyz and the status page, from a snapshot
        // value the runtime hands it (it knows nothing of the runtime), plus systemd's notify protocol.
        .target(
            name: "VTJOperator",
            dependencies: [
                "VTJCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "VTJDrop",
            dependencies: [
                "VTJCore", "VTJXML", "VTJClient", "VTJSheet", "VTJOperator",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "vtjdrop",
            dependencies: [
                "VTJCore", "VTJXML", "VTJClient", "VTJSandbox", "VTJSheet", "VTJDrop", "VTJOperator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmarks (scripts/bench-*): generates and parses large interface bodies.
        .executableTarget(name: "vtjdrop-bench", dependencies: ["VTJCore", "VTJXML", "VTJJSON", "VTJSheet", "VTJDrop"], swiftSettings: strictSettings),

        // MARK: - Tests (mirror the modules)
        // What every test target shares, written once: temp folders, `eventually`, child processes
        // run off the cooperative pool, log capture, loopback HTTP client/server and ports, the
        // running sandbox, test henkilötunnus, and the independent spreadsheet readers (openpyxl,
        // LibreOffice) driven by scripts read from the source tree.
        .target(
            name: "VTJTestSupport",
            dependencies: ["VTJCore", "VTJSandbox", .product(name: "Logging", package: "swift-log")],
            path: "Tests/VTJTestSupport",
            exclude: ["Scripts"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJCoreTests",
            dependencies: ["VTJCore", "VTJTestSupport"],
            // Golden files and the CSV re-read script are read from the source tree (#filePath).
            exclude: ["Rendering/Golden", "Receipt/Golden", "Scripts"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJXMLTests",
            dependencies: ["VTJCore", "VTJXML", "VTJTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJSheetTests",
            dependencies: ["VTJCore", "VTJXML", "VTJSheet", "VTJTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJJSONTests",
            dependencies: ["VTJCore", "VTJXML", "VTJJSON", "VTJTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJClientTests",
            dependencies: ["VTJCore", "VTJXML", "VTJJSON", "VTJClient", "VTJSandbox", "VTJTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJSandboxTests",
            dependencies: ["VTJCore", "VTJXML", "VTJJSON", "VTJSandbox", "VTJTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJOperatorTests",
            dependencies: [
                "VTJCore", "VTJOperator", "VTJTestSupport",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "VTJDropTests",
            // The executable is a dependency so its binary is built beside the tests, which run it.
            dependencies: [
                "VTJCore", "VTJXML", "VTJJSON", "VTJClient", "VTJSandbox", "VTJDrop", "VTJOperator", "vtjdrop", "VTJSheet", "VTJTestSupport",
                // A raw connection proves the audit log's triggers hold against any writer.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
