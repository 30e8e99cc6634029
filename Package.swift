// swift-tools-version:6.0
import PackageDescription

/// Swift 6 strictness everywhere: existentials are spelled `any`, so their cost is visible.
/// Release builds also drop the runtime exclusivity checks: the profile of `icu-words` showed
/// swift_beginAccess/endAccess at ~10 % of a worker's time on the per-document hot path
/// (`Analysis` buffers, the record writer). Debug builds, which the tests use, keep them.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

// Linux only: the worker pool, outputs and readers call Glibc directly (posix_spawn, pipes,
// poll), and the ICU and libxml2 modules are Debian's system libraries.
let package = Package(
    name: "textmill",
    products: [
        .executable(name: "textmill", targets: ["textmill"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // System libraries, seen only by their wrapper modules.
        .systemLibrary(name: "CICU", pkgConfig: "icu-uc", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // CLD2 (C++, Debian libcld2-dev) behind a few extern "C" functions; seen only by TextmillCuration.
        .target(name: "CCLD2Shim", linkerSettings: [.linkedLibrary("cld2")]),
        // fastText (C++, Debian libfasttext-dev) the same way: model files by path, for the language stage.
        .target(name: "CFastTextShim", linkerSettings: [.linkedLibrary("fasttext")]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // ICU behind a Swift API on reusable UTF-16 buffers; no C type leaks out.
        .target(name: "TextmillUnicode", dependencies: ["CICU"], swiftSettings: strict),
        // Byte-level JSON reading and writing for the hot path (no Foundation).
        .target(name: "TextmillJSON", swiftSettings: strict),
        // Documents as they travel: input records, locators, chunks and their wire encoding.
        .target(name: "TextmillDocuments", dependencies: ["TextmillJSON"], swiftSettings: strict),
        // The pipeline: text buffers with alignment, stage protocols, the text stages, record output.
        .target(name: "TextmillPipeline",
                dependencies: ["TextmillUnicode", "TextmillJSON", "TextmillDocuments"],
                swiftSettings: strict),
        // Versioned JSON pipeline configs, presets from models/, and the pipeline fingerprint.
        .target(name: "TextmillConfig", dependencies: ["TextmillPipeline", "TextmillJSON", "TextmillUnicode", "TextmillTokenizers", "TextmillCuration"],
                swiftSettings: strict),
        // Readers that turn files into documents and cut them into chunks.
        .target(name: "TextmillInput", dependencies: ["TextmillDocuments", "TextmillJSON", "CLibXML2", "CZlib"],
                swiftSettings: strict),
        // Worker processes: spawning, the framed pipe protocol, crash/hang recovery, and the
        // worker side's serve loop. Knows chunks and results, not configs or the CLI.
        .target(name: "TextmillPool", dependencies: ["TextmillDocuments", "TextmillJSON"], swiftSettings: strict),
        // Where finished records go: files written atomically, standard output.
        .target(name: "TextmillOutput", dependencies: ["TextmillDocuments", "CZlib"], swiftSettings: strict),
        // Records into databases (SQLite, PostgreSQL): schema, batched idempotent writes, resume.
        .target(name: "TextmillDatabase", dependencies: ["TextmillOutput", "TextmillDocuments", "TextmillJSON", "CSQLite", "CLibPQ"],
                swiftSettings: strict),
        // `textmill serve`: JSON-RPC 2.0 over newline-delimited sockets (SwiftNIO), micro-batched onto any ChunkProcessing.
        .target(name: "TextmillServer",
                dependencies: [
                    "TextmillDocuments", "TextmillJSON",
                    .product(name: "NIOCore", package: "swift-nio"),
                    .product(name: "NIOPosix", package: "swift-nio"),
                    .product(name: "NIOExtras", package: "swift-nio-extras"),
                ],
                swiftSettings: strict),
        // The vocabulary map-reduce: per-chunk term counts (a ChunkProcessing for the pool), the bounded-memory merge.
        .target(name: "TextmillVocab",
                dependencies: ["TextmillPipeline", "TextmillDocuments", "TextmillInput", "TextmillOutput", "TextmillJSON"],
                swiftSettings: strict),
        // Building processors for a task, in process or on the worker pool, and what a worker is told.
        .target(name: "TextmillProcessing",
                dependencies: ["TextmillConfig", "TextmillPipeline", "TextmillDocuments", "TextmillJSON", "TextmillPool", "TextmillVocab",
                               "TextmillCuration"],
                swiftSettings: strict),
        // LLM tokenizers from files: tiktoken rank files and HF tokenizer.json; the byte-pair merge core,
        // pre-tokenization scanners, and the `tokenizer` stage.
        // Optimized in debug builds too: every test process that loads cl100k builds a 100k-token table
        // and its merge rules (1.6 s of CPU unoptimized, ~0.1 s with -O), and the parity tests encode MBs.
        .target(name: "TextmillTokenizers",
                dependencies: ["TextmillUnicode", "TextmillJSON", "TextmillPipeline"],
                swiftSettings: strict + [.unsafeFlags(["-O", "-enforce-exclusivity=unchecked"], .when(configuration: .debug))]),
        // Corpus curation: language identification (CLD2 plus script, stop-word and trigram evidence),
        // quality signals and filters, deduplication.
        .target(name: "TextmillCuration",
                dependencies: ["CCLD2Shim", "CFastTextShim", "TextmillPipeline", "TextmillUnicode", "TextmillJSON", "TextmillDocuments"],
                swiftSettings: strict),
        // Binary token shards for trainers (llm.c, nanoGPT, Megatron-LM, datatrove/nanotron):
        // writing corpora of token ids into shards with a manifest, resuming, reading, merging.
        .target(name: "TextmillShards", dependencies: ["TextmillJSON"], swiftSettings: strict),
        // `textmill run` as a library: the request (its options as one value), validation, and the
        // composition inputs → chunker → processing → reorder → RecordSink, with resume, progress and stopping.
        .target(name: "TextmillRun",
                dependencies: ["TextmillConfig", "TextmillPipeline", "TextmillInput", "TextmillOutput", "TextmillDocuments", "TextmillJSON",
                               "TextmillUnicode", "TextmillPool", "TextmillProcessing", "TextmillDatabase", "TextmillShards", "TextmillTokenizers"],
                swiftSettings: strict),
        // `serve`'s batch jobs: the SQLite job store, the priority/FIFO queue with retries and restart
        // recovery, warm worker pools, path roots, and the `job.*` JSON-RPC methods.
        .target(name: "TextmillJobs",
                dependencies: ["TextmillRun", "TextmillServer", "TextmillDatabase", "TextmillInput", "TextmillJSON", "TextmillConfig",
                               "TextmillPipeline", "TextmillPool", "TextmillProcessing", "TextmillDocuments"],
                swiftSettings: strict),
        // The command-line interface; the executable is a thin shell over it.
        .target(name: "TextmillCLI",
                dependencies: [
                    "TextmillConfig", "TextmillPipeline", "TextmillInput", "TextmillOutput", "TextmillDocuments", "TextmillJSON", "TextmillUnicode", "TextmillPool",
                    "TextmillVocab", "TextmillProcessing", "TextmillCuration",
                    "TextmillServer",
                    "TextmillTokenizers",
                    "TextmillDatabase",
                    "TextmillShards",
                    "TextmillRun",
                    "TextmillJobs",
                    .product(name: "ArgumentParser", package: "swift-argument-parser"),
                    .product(name: "Logging", package: "swift-log"),
                ],
                swiftSettings: strict),
        .executableTarget(name: "textmill", dependencies: ["TextmillCLI"], swiftSettings: strict),

        // Fuzzing (docs/fuzzing.md): each parser's properties, shared by the libFuzzer driver and the corpus replay test.
        .target(name: "TextmillFuzzTargets",
                dependencies: [
                    "TextmillJSON", "TextmillDocuments", "TextmillInput", "TextmillPool", "TextmillServer", "TextmillConfig",
                    "TextmillPipeline", "TextmillVocab", "TextmillTokenizers", "TextmillShards", "TextmillDatabase",
                    .product(name: "NIOCore", package: "swift-nio"),
                ],
                swiftSettings: strict),
        // `make fuzz` builds this with -DFUZZING and -sanitize=fuzzer,address; otherwise it only replays inputs.
        .executableTarget(name: "textmill-fuzz", dependencies: ["TextmillFuzzTargets"], swiftSettings: strict),

        // Shared by the test suites: fixture paths, running the built binary, JSON helpers.
        .target(name: "TextmillTestSupport", dependencies: ["TextmillJSON"], path: "Tests/TextmillTestSupport",
                swiftSettings: strict),
        .testTarget(name: "TextmillUnicodeTests", dependencies: ["TextmillUnicode", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillJSONTests", dependencies: ["TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillPipelineTests",
                    dependencies: ["TextmillPipeline", "TextmillConfig", "TextmillUnicode", "TextmillDocuments", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillConfigTests", dependencies: ["TextmillConfig", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillInputTests",
                    dependencies: ["TextmillInput", "TextmillDocuments", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillOutputTests", dependencies: ["TextmillOutput", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillDocumentsTests", dependencies: ["TextmillDocuments"], swiftSettings: strict),
        .testTarget(name: "TextmillVocabTests",
                    dependencies: ["TextmillVocab", "TextmillPipeline", "TextmillConfig", "TextmillDocuments", "TextmillInput", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillPoolTests", dependencies: ["TextmillPool", "TextmillDocuments", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillShardsTests", dependencies: ["TextmillShards", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillCLITests", dependencies: ["TextmillTestSupport", "TextmillJSON"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillFuzzTargetsTests", dependencies: ["TextmillFuzzTargets", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillTokenizersTests",
                    dependencies: ["TextmillTokenizers", "TextmillUnicode", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillCurationTests",
                    dependencies: ["TextmillCuration", "TextmillPipeline", "TextmillConfig", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillDatabaseTests",
                    dependencies: ["TextmillDatabase", "TextmillOutput", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillServerTests",
                    dependencies: ["TextmillServer", "TextmillPipeline", "TextmillConfig", "TextmillDocuments", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillRunTests",
                    dependencies: ["TextmillRun", "TextmillInput", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TextmillJobsTests",
                    dependencies: ["TextmillJobs", "TextmillRun", "TextmillServer", "TextmillJSON", "TextmillTestSupport"],
                    swiftSettings: strict),
    ]
)
