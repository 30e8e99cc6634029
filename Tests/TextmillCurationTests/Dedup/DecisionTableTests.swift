import Testing
@testable import TextmillCuration

/// Verdicts on disk: each removed document's kept document resolved through chains of matches
/// as they are appended, and read back exactly (kind, matched document, similarity bits).
@Suite struct DecisionTableTests {
    @Test func chainsOfMatchesResolveToTheFirstDocument() throws {
        let table = try DecisionTable(directory: "/tmp")
        // 0 kept; 1 near 0; 2 kept; 3 exact copy of 1; 4 near 3; 5 near 2.
        try table.append(matched: nil, similarity: 0, exact: false)
        try table.append(matched: 0, similarity: 0.8125, exact: false)
        try table.append(matched: nil, similarity: 0, exact: false)
        try table.append(matched: 1, similarity: 1, exact: true)
        try table.append(matched: 3, similarity: 0.9, exact: false)
        try table.append(matched: 2, similarity: 1.0 / 3.0, exact: false)
        // Before and after the buffer is flushed: the same answers.
        for _ in 0..<2 {
            #expect(try table.duplicate(of: 0) == nil && table.duplicate(of: 2) == nil)
            #expect(try table.duplicate(of: 1) == DuplicateFinder.Duplicate(document: 1, kept: 0, matched: 0, jaccard: 0.8125, kind: .near))
            #expect(try table.duplicate(of: 3) == DuplicateFinder.Duplicate(document: 3, kept: 0, matched: 1, jaccard: 1, kind: .exact))
            #expect(try table.duplicate(of: 4) == DuplicateFinder.Duplicate(document: 4, kept: 0, matched: 3, jaccard: 0.9, kind: .near))
            #expect(try table.duplicate(of: 5)?.jaccard == 1.0 / 3.0)
            #expect(try table.duplicate(of: 5)?.kept == 2)
            try table.flush()
        }
        #expect(throws: DedupError.self) { try table.duplicate(of: 6) }
        #expect(throws: DedupError.self) { try table.append(matched: 6, similarity: 1, exact: true) }
    }

    @Test func manyVerdictsAcrossReadBlocks() throws {
        // More than one 4096-record block, spill buffer flushed on the way: document d matches
        // d - 1 when d is odd, so every odd document is kept by the even one before it.
        let table = try DecisionTable(directory: "/tmp")
        let count = 50_000
        for d in 0..<count { try table.append(matched: d % 2 == 1 ? d - 1 : nil, similarity: 1, exact: d % 4 == 1) }
        try table.flush()
        for d in stride(from: count - 1, through: 0, by: -997) {
            let verdict = try table.duplicate(of: d)
            #expect(verdict?.kept == (d % 2 == 1 ? d - 1 : nil), "document \(d)")
            #expect(verdict.map { $0.kind == .exact } ?? false == (d % 4 == 1))
        }
    }
}
