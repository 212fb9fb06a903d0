// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Trellis",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trellis", targets: ["trellis"]),
        .library(name: "TrellisCore", targets: ["TrellisCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark-gfm and its GFM extensions, from the system (Debian: libcmark-gfm-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libdeflate from the system (Debian: libdeflate-dev): DEFLATE for the
        // EPUB handbooks and learning-platform packages, about three times
        // zlib's speed at the same compression.
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // The only code that touches cmark's C API.
        .target(name: "Markdown", dependencies: ["CCmarkGFM"]),
        .target(
            name: "TrellisCore",
            dependencies: [
                "Markdown",
                "CLibDeflate",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.embedInCode("Theme"), .embedInCode("Strings")]
        ),
        // `trellis serve`: live preview over HTTP with reload.
        .target(
            name: "TrellisServer",
            dependencies: [
                "TrellisCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .target(
            name: "TrellisCommands",
            dependencies: [
                "TrellisCore",
                "TrellisServer",
                // For `trellis --version`: cmark_version_string().
                "CCmarkGFM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The version, from the top-level VERSION file (a symbolic link),
            // compiled in at build time: `swift build` and `make` alike.
            resources: [.embedInCode("VERSION")]
        ),
        // jemalloc (Debian: libjemalloc-dev) for the command's allocations: a build makes
        // millions of small strings and arrays on two threads at once, and glibc's allocator
        // took a seventh of the CPU time; jemalloc also hands memory back after a large
        // handbook instead of keeping the peak (docs/performance.md).
        .executableTarget(
            name: "trellis", dependencies: ["TrellisCommands"],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        // libFuzzer target; build with `make fuzz` (-sanitize=fuzzer -parse-as-library).
        .executableTarget(name: "trellis-fuzz", dependencies: ["TrellisCore"], path: "Sources/TrellisFuzz"),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "TrellisCoreTests", dependencies: ["TrellisCore"], exclude: ["Expected"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CommandTests", dependencies: ["TrellisCommands", "TrellisCore"]),
        .testTarget(name: "ServerTests", dependencies: ["TrellisServer", "TrellisCore"]),
    ],
    swiftLanguageModes: [.v6]
)
