import Testing
import TextmillShards
import TextmillTestSupport

/// Corrupt indexes and headers that once trapped `shards inspect` (found by the `shards` fuzz
/// target, inputs kept in Tests/Fixtures/fuzz): each is now a `ShardError` naming the file.
@Suite struct CorruptShardTests {
    static func le(_ value: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }

    /// A Megatron pair with these raw header counts, lengths, pointers and document indices.
    func megatron(sequences: UInt64, indices: UInt64, lengths: [UInt64], pointers: [UInt64], documents: [UInt64], bin: [UInt8]) -> String {
        var idx = Array("MMIDIDX".utf8) + [0, 0] + Self.le(1, 8) + [8] + Self.le(sequences, 8) + Self.le(indices, 8)
        idx += lengths.flatMap { Self.le($0, 4) } + pointers.flatMap { Self.le($0, 8) } + documents.flatMap { Self.le($0, 8) }
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/m.idx", idx)
        TextmillBinary.write(dir + "/m.bin", bin)
        return dir + "/m"
    }

    static func datatrove(ends: [UInt64], tokens: Int) -> String {
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/d.ds", [UInt8](repeating: 1, count: tokens * 2))
        TextmillBinary.write(dir + "/d.ds.index", ends.flatMap { Self.le($0, 8) })
        TextmillBinary.write(dir + "/d.ds.metadata", Array("gpt2|2\n".utf8))
        return dir + "/d.ds"
    }

    func error(_ path: String) -> String? {
        do {
            _ = try ShardFile.open(path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func megatronNegativeSequenceLengthIsAnError() {
        // Lengths -1 and 3 with pointers 0 and -2 agree with a 4-byte .bin, but document 0 would end at token -1.
        let prefix = megatron(sequences: 2, indices: 3, lengths: [0xFFFF_FFFF, 3], pointers: [0, UInt64.max - 1], documents: [0, 1, 2], bin: [7, 0, 8, 0])
        #expect(error(prefix + ".idx")?.contains("m.idx: sequence 0 has length -1") == true)
    }

    @Test func megatronDocumentIndexMustRunFromZeroToTheSequenceCount() {
        let past = megatron(sequences: 2, indices: 3, lengths: [2, 1], pointers: [0, 4], documents: [0, 5, 2], bin: [UInt8](repeating: 0, count: 6))
        #expect(error(past)?.contains("m.idx: document 1 ends at sequence 2, before it starts (5)") == true)
        let short = megatron(sequences: 2, indices: 2, lengths: [2, 1], pointers: [0, 4], documents: [0, 1], bin: [UInt8](repeating: 0, count: 6))
        #expect(error(short)?.contains("must run from 0 to the sequence count 2, it runs from 0 to 1") == true)
        let empty = megatron(sequences: 0, indices: 0, lengths: [], pointers: [], documents: [], bin: [])
        #expect(error(empty)?.contains("it runs from nothing to nothing") == true)
    }

    @Test func megatronCountsLargerThanTheIndexAreAnError() {
        let huge = megatron(sequences: 1 << 62, indices: 3, lengths: [], pointers: [], documents: [], bin: [])
        #expect(error(huge)?.contains("the header counts 4611686018427387904 sequences and 3 document indices, more than its 34 bytes hold") == true)
    }

    @Test func datatroveEndsMustRiseWithinTheTokens() {
        #expect(error(Self.datatrove(ends: [3, 1, 3], tokens: 3))?.contains("d.ds.index: document 1 ends at token 1, before the previous document's end 3") == true)
        #expect(error(Self.datatrove(ends: [(1 << 63) + 5], tokens: 0))?.contains("document 0 ends at token 9223372036854775813, past the 0 tokens") == true)
        let dir = TextmillBinary.temporaryDirectory()
        TextmillBinary.write(dir + "/d.ds", [])
        TextmillBinary.write(dir + "/d.ds.index", [0, 0, 0])
        TextmillBinary.write(dir + "/d.ds.metadata", Array("gpt2|2\n".utf8))
        #expect(error(dir + "/d.ds")?.contains("size 3 is not a whole number of uint64 document ends") == true)
    }
}
