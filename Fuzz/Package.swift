// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for the parsers that read untrusted bytes. A separate package, so the root
// package's `swift build` / `swift test` never link an executable without `main`. Build and run
// with scripts/fuzz (it adds -sanitize=fuzzer,address to every Swift and C target).
//
// Each target is a tiny main.swift handing its LLVMFuzzerTestOneInput to libFuzzer's driver
// (CFuzzDriver): SwiftPM renames executables' entry points, so libFuzzer's own main is not used.

let package = Package(
    name: "vtjdrop-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "vtjdrop", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "fuzz-hetu",
            dependencies: ["CFuzzDriver", .product(name: "VTJCore", package: "vtjdrop")]
        ),
        .executableTarget(
            name: "fuzz-hetu-list",
            dependencies: ["CFuzzDriver", .product(name: "VTJCore", package: "vtjdrop")]
        ),
        .executableTarget(
            name: "fuzz-request-xml",
            dependencies: [
                "CFuzzDriver",
                .product(name: "VTJCore", package: "vtjdrop"),
                .product(name: "VTJXML", package: "vtjdrop"),
            ]
        ),
        .executableTarget(
            name: "fuzz-soap-answer",
            dependencies: [
                "CFuzzDriver",
                .product(name: "VTJCore", package: "vtjdrop"),
                .product(name: "VTJXML", package: "vtjdrop"),
            ]
        ),
        .executableTarget(
            name: "fuzz-response",
            dependencies: [
                "CFuzzDriver",
                .product(name: "VTJCore", package: "vtjdrop"),
                .product(name: "VTJXML", package: "vtjdrop"),
            ]
        ),
    ]
)
