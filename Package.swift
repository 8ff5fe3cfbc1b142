// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    // What the Swift server projects held up as models enable: `any` spelled out, imports that say who sees them,
    // and members only from modules a file imports itself.
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// A platform's fake server on loopback, for the tests and the benchmark (`Tests/<name>`): Hummingbird, served through
/// FakeServer's `LoopbackListener`, plus what that platform needs besides.
func fake(_ name: String, _ extra: [Target.Dependency] = []) -> Target {
    .target(
        name: name,
        dependencies: [
            "FakeServer",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ] + extra,
        path: "Tests/\(name)",
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "cxzy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cxzy", targets: ["cxzy"]),
        .library(name: "CampaignIntents", targets: ["CampaignIntents"]),
        .library(name: "CampaignStorage", targets: ["CampaignStorage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The command language: text -> typed intent or typed error. Foundation only, no I/O.
        .target(name: "CampaignIntents", path: "Intents", swiftSettings: swiftSettings),
        // The durable store: JSON snapshot + checksummed journal, group commit, recovery.
        .target(
            name: "CampaignStorage",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Storage",
            swiftSettings: swiftSettings
        ),
        // The campaign domain: the plan, the roster, the records and the rules.
        .target(
            name: "CampaignCore",
            dependencies: ["CampaignIntents", .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/CampaignCore",
            swiftSettings: swiftSettings
        ),
        // Charts (SVG, PNG by rsvg-convert) and the campaign report (HTML, PDF by WeasyPrint). No platform knowledge.
        .target(
            name: "CampaignReport",
            dependencies: ["CampaignCore", "CampaignIntents"],
            path: "Sources/CampaignReport",
            swiftSettings: swiftSettings
        ),
        // libcurl's header and typed wrappers for its variadic calls, for the bot's outbound HTTP (libcurl4-openssl-dev).
        .target(name: "CCurl", path: "Sources/CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // The bot runtime: the store schema, the dispatcher, the outbox, the transports and the scheduler.
        .target(
            name: "BotRuntime",
            dependencies: [
                "CampaignIntents",
                "CampaignCore",
                "CampaignStorage",
                "CampaignReport",
                "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                // Reads the roster the back office is given as an Excel file (.xlsx is a ZIP of XML parts).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/BotRuntime",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cxzy",
            dependencies: [
                "CampaignIntents",
                "CampaignCore",
                "CampaignReport",
                "BotRuntime",
                "CampaignStorage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/cxzy",
            swiftSettings: swiftSettings
        ),
        // Benchmarks print figures; run them with `swift run -c release cxzy-bench <name>`.
        .executableTarget(
            name: "cxzy-bench",
            dependencies: [
                "TelegramFake",
                "CampaignIntents",
                "CampaignStorage",
                "CampaignCore",
                "BotRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/cxzy-bench",
            swiftSettings: swiftSettings
        ),
        // How every fake platform server listens on loopback (LoopbackListener).
        .target(
            name: "FakeServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/FakeServer",
            swiftSettings: swiftSettings
        ),
        // A fake Telegram Bot API on loopback, shared by the tests and the benchmark.
        fake("TelegramFake", [.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        // A fake WeCom server API on loopback, for the tests.
        fake("WeComFake", ["TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        // Helpers the test suites share: the manual clock, waiting for a condition, fake chat users, rosters, the
        // crash schema, the seeded generator.
        .target(
            name: "TestSupport",
            dependencies: ["CampaignCore", "CampaignReport", "CampaignStorage"],
            path: "Tests/TestSupport",
            resources: [.embedInCode("Fixtures/demo-roster.csv")],
            swiftSettings: swiftSettings
        ),
        // A fake DingTalk open API and Stream gateway (WebSocket) on loopback, for the tests.
        fake(
            "DingTalkFake",
            [
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // A fake Feishu open API on loopback, and event callbacks built as Feishu builds them, for the tests.
        fake(
            "FeishuFake",
            [
                "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        // A fake Matrix homeserver (the Client-Server API the bot uses) on loopback, for the tests.
        fake("MatrixFake"),
        // A child process for the store's crash test (killed with SIGKILL by the test).
        .executableTarget(
            name: "store-crash-child",
            dependencies: ["CampaignStorage", "TestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/StoreCrashChild",
            swiftSettings: swiftSettings
        ),
        // Fuzz targets (libFuzzer): `scripts/fuzz <target> [seconds]`, `scripts/fuzz-smoke`; see Fuzz/README.md.
        .target(name: "FuzzDriver", path: "Fuzz/Driver", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-intents", dependencies: ["CampaignIntents", "FuzzDriver"], path: "Fuzz/Intents",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-wecom-envelope", dependencies: ["FuzzDriver"], path: "Fuzz/WeComEnvelope",
            swiftSettings: swiftSettings),
        // The other edges compile the production files they fuzz through symlinks (Fuzz/README.md): BotRuntime's
        // sanitizer build would take all of its dependencies along.
        .executableTarget(
            name: "fuzz-wecom-cipher",
            dependencies: [
                "FuzzDriver", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Fuzz/WeComCipher", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-feishu-event",
            dependencies: [
                "FuzzDriver", "CampaignCore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Fuzz/FeishuEvent", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-dingtalk-callback",
            dependencies: ["FuzzDriver", "CampaignCore", .product(name: "Crypto", package: "swift-crypto")],
            path: "Fuzz/DingTalkCallback", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-telegram-updates", dependencies: ["FuzzDriver", "CampaignCore"], path: "Fuzz/TelegramUpdates",
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-store-recovery",
            dependencies: ["FuzzDriver", "CampaignCore", .product(name: "Logging", package: "swift-log")],
            path: "Fuzz/StoreRecovery", swiftSettings: swiftSettings),
        .testTarget(
            name: "CampaignIntentsTests",
            dependencies: ["CampaignIntents", "TestSupport"],
            path: "Tests/CampaignIntentsTests",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // The rules alone: `Engine.handle` on an in-memory state, no store.
        .testTarget(
            name: "CampaignCoreTests",
            dependencies: [
                "CampaignCore", "CampaignIntents", "CampaignReport", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/CampaignCoreTests",
            swiftSettings: swiftSettings
        ),
        // Charts and the report rendered for real (rsvg-convert, WeasyPrint, poppler-utils; skipped when missing).
        .testTarget(
            name: "CampaignReportTests",
            dependencies: ["CampaignReport", "CampaignCore", "CampaignIntents", "TestSupport"],
            path: "Tests/CampaignReportTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CampaignStorageTests",
            dependencies: ["CampaignStorage", "TestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/CampaignStorageTests",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BotRuntimeTests",
            dependencies: [
                "BotRuntime",
                "CampaignReport",
                "TestSupport",
                "TelegramFake",
                "WeComFake",
                "DingTalkFake",
                "FeishuFake",
                "MatrixFake",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                "CampaignCore",
                "CampaignIntents",
                "CampaignStorage",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/BotRuntimeTests",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "TelegramFake", "WeComFake", "DingTalkFake", "FeishuFake", "MatrixFake", "BotRuntime", "TestSupport",
            ],
            path: "Tests/CLITests",
            swiftSettings: swiftSettings
        ),
    ]
)
