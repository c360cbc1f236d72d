// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Entente",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "EntenteCore", targets: ["EntenteCore"]),
    .library(name: "EntenteIO", targets: ["EntenteIO"]),
    .library(name: "EntenteAlgorithms", targets: ["EntenteAlgorithms"]),
    .library(name: "EntenteGraphviz", targets: ["EntenteGraphviz"]),
    .executable(name: "entente", targets: ["entente"]),
    .executable(name: "entente-bench", targets: ["entente-bench"]),
    .executable(name: "entente-fuzz", targets: ["entente-fuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    // `swift package generate-documentation`: the DocC catalogs (Scripts/docs.sh builds them in CI).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // Core model: actors, kinds, partial dates, the temporal graph, snapshots. Pure Swift.
    .target(name: "EntenteCore"),
    // The YAML data format and validation (libyaml's events through CYAMLEvents; no other C).
    .target(
      name: "EntenteIO",
      dependencies: ["EntenteCore", "CYAMLEvents", "Yams", .product(name: "CSV", package: "CSV.swift")]),
    // Pulls libyaml's events (Yams's vendored CYaml) in batches of compact records for EntenteIO's YAML reader.
    .target(
      name: "CYAMLEvents", dependencies: [.product(name: "Yams", package: "Yams")],
      cSettings: [.define("YAML_DECLARE_STATIC")]),
    // Query algorithms over frozen snapshots: paths, centrality, structural balance, change. Pure Swift.
    .target(
      name: "EntenteAlgorithms", dependencies: ["EntenteCore"],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    // Benchmark: synthetic temporal graphs, load, snapshots, betweenness, PageRank, peak memory; YAML load and
    // DOT import memory per relation.
    .executableTarget(
      name: "entente-bench", dependencies: ["EntenteCore", "EntenteAlgorithms", "EntenteIO", "EntenteGraphviz"]),
    // Fuzzing driver for the readers (Scripts/fuzz.sh): mutated inputs fed to each reader in one process.
    .executableTarget(
      name: "entente-fuzz", dependencies: ["EntenteCore", "EntenteIO", "EntenteGraphviz", "EntenteTestSupport"]),
    // Graphviz's C library (cgraph + gvc), through the system's pkg-config.
    .systemLibrary(
      name: "CGraphviz", pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]),
    // libpng and zlib, through the system's pkg-config (for CGraphvizPNG).
    .systemLibrary(
      name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev", "zlib1g-dev"]), .brew(["libpng"])]),
    // A Graphviz output device: the image cairo draws for `png`, encoded by libpng at a fast zlib level.
    .target(name: "CGraphvizPNG", dependencies: ["CGraphviz", "CPNG"]),
    // Drawing snapshots with Graphviz. The only target that imports CGraphviz (and CGraphvizPNG).
    .target(name: "EntenteGraphviz", dependencies: ["CGraphviz", "CGraphvizPNG", "EntenteCore", "EntenteAlgorithms"]),
    // Command-line interface.
    .executableTarget(
      name: "entente",
      dependencies: [
        "EntenteCore", "EntenteIO", "EntenteGraphviz", "EntenteAlgorithms",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // What several test targets share: the seeded random generator.
    .target(name: "EntenteTestSupport", path: "Tests/EntenteTestSupport"),
    .testTarget(name: "EntenteCoreTests", dependencies: ["EntenteCore", "EntenteTestSupport"]),
    // The reader's tests keep the previous Yams-composed reading as the reference for the event reader.
    .testTarget(
      name: "EntenteIOTests", dependencies: ["EntenteIO", "EntenteTestSupport", "Yams"], exclude: ["Fixtures"]),
    .testTarget(
      name: "EntenteAlgorithmsTests",
      dependencies: ["EntenteAlgorithms", "EntenteCore", "EntenteIO", "EntenteTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "EntenteCLITests", dependencies: ["entente", "EntenteTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "EntenteDataTests", dependencies: ["EntenteIO"]),
    .testTarget(
      name: "EntenteGraphvizTests", dependencies: ["EntenteGraphviz", "EntenteCore", "EntenteIO", "CPNG"],
      exclude: ["Fixtures"]
    ),
    // Export and import formats, the timeline page. Golden files are read from the source tree.
    .testTarget(
      name: "EntenteInteropTests", dependencies: ["EntenteCore", "EntenteAlgorithms", "EntenteIO", "EntenteGraphviz"],
      exclude: ["Golden", "Fixtures", "Schemas"]),
    // `swift run entente-example GRAPH.yaml`: the library used directly from a script (Scripts/ExampleExport).
    .executableTarget(
      name: "entente-example", dependencies: ["EntenteCore", "EntenteIO"], path: "Scripts/ExampleExport"),
  ],
  swiftLanguageModes: [.v6]
)
