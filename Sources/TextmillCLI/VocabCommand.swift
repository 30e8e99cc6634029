import ArgumentParser

/// `textmill vocab`: term vocabularies (counts and document frequencies) for TF-IDF and
/// analysis, built as a map-reduce so partial vocabularies from many machines can be merged.
struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Build term vocabularies (term, count, df) and merge partial ones.",
        discussion: """
            The file is TSV: a header "#textmill-vocab v1 docs=N fingerprint=F", then \
            term<TAB>count<TAB>df rows, most frequent first. `vocab merge` of vocabularies built \
            without --min-count/--max-size equals one `vocab build` over all their inputs.
            """,
        subcommands: [VocabBuildCommand.self, VocabMergeCommand.self]
    )
}
