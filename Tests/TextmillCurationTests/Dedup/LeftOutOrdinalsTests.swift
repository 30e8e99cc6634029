import Testing
@testable import TextmillCuration

/// Left-out positions on disk: asked in increasing order, across read blocks, and refused when
/// added out of order.
@Suite struct LeftOutOrdinalsTests {
    @Test func answersInIncreasingOrder() throws {
        let leftOut = try LeftOutOrdinals(directory: "/tmp")
        let added = Set(stride(from: 3, to: 30_000, by: 7)).union([0, 29_999])
        for ordinal in added.sorted() { try leftOut.append(ordinal) }
        #expect(leftOut.count == added.count)
        var found: [Int] = []
        for ordinal in 0..<30_005 where try leftOut.contains(ordinal) { found.append(ordinal) }
        #expect(found == added.sorted())
        #expect(throws: DedupError.self) { try leftOut.append(29_999) }
    }

    @Test func emptyContainsNothing() throws {
        let leftOut = try LeftOutOrdinals(directory: "/tmp")
        #expect(try !leftOut.contains(0) && !leftOut.contains(5))
    }
}
