/// Readers for the four layouts written from their specifications (llm.c's data_common.py,
/// Megatron's indexed_dataset.py, datatrove's TokenizedFile), sharing no code with
/// TextmillShards, so a writer bug cannot hide behind the same bug in its reader.
public enum ShardLayoutReaders {
    public static func u16(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(b[i]) | UInt32(b[i + 1]) << 8 }
    public static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24 }
    public static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }

    public static func tokens(_ b: [UInt8], from: Int, width: Int) -> [UInt32] {
        stride(from: from, to: b.count, by: width).map { width == 2 ? u16(b, $0) : u32(b, $0) }
    }

    public struct Llmc { public var magic: Int32; public var version: Int32; public var count: Int; public var tokens: [UInt32] }

    public static func llmc(_ path: String) -> Llmc {
        let b = Fixtures.read(path)
        precondition(b.count >= 1024, "\(path): shorter than the header")
        let magic = Int32(bitPattern: u32(b, 0)), version = Int32(bitPattern: u32(b, 4))
        let width = magic == 20_240_520 ? 2 : 4
        return Llmc(magic: magic, version: version, count: Int(u32(b, 8)), tokens: tokens(b, from: 1024, width: width))
    }

    public static func raw(_ path: String, width: Int) -> [UInt32] { tokens(Fixtures.read(path), from: 0, width: width) }

    public struct Megatron {
        public var version: UInt64
        public var code: UInt8
        public var lengths: [Int]
        public var pointers: [Int]
        public var documentIndices: [Int]
        public var tokens: [UInt32]

        /// Each document's sequences, each sequence's ids, as Megatron's IndexedDataset gives them.
        public var documents: [[[UInt32]]] {
            let width = code == 8 ? 2 : 4
            return (0..<(documentIndices.count - 1)).map { d in
                (documentIndices[d]..<documentIndices[d + 1]).map { s in
                    Array(tokens[(pointers[s] / width)..<(pointers[s] / width + lengths[s])])
                }
            }
        }
    }

    public static func megatron(_ prefix: String) -> Megatron {
        let idx = Fixtures.read(prefix + ".idx")
        precondition(Array(idx[0..<9]) == [0x4D, 0x4D, 0x49, 0x44, 0x49, 0x44, 0x58, 0, 0], "\(prefix).idx: bad magic")
        let version = u64(idx, 9)
        let code = idx[17]
        let sequences = Int(u64(idx, 18)), documents = Int(u64(idx, 26))
        var at = 34
        let lengths = (0..<sequences).map { Int(Int32(bitPattern: u32(idx, at + $0 * 4))) }
        at += sequences * 4
        let pointers = (0..<sequences).map { Int(u64(idx, at + $0 * 8)) }
        at += sequences * 8
        let docs = (0..<documents).map { Int(u64(idx, at + $0 * 8)) }
        at += documents * 8
        precondition(at == idx.count, "\(prefix).idx: \(idx.count - at) bytes after the document indices")
        let width = code == 8 ? 2 : 4
        return Megatron(
            version: version, code: code, lengths: lengths, pointers: pointers, documentIndices: docs,
            tokens: tokens(Fixtures.read(prefix + ".bin"), from: 0, width: width))
    }

    public struct Datatrove { public var tokens: [UInt32]; public var ends: [Int]; public var metadata: String }

    public static func datatrove(_ path: String) -> Datatrove {
        let metadata = String(decoding: Fixtures.read(path + ".metadata"), as: UTF8.self)
        let width = metadata.split(separator: "\n").first!.hasSuffix("|4") ? 4 : 2
        let index = Fixtures.read(path + ".index")
        return Datatrove(
            tokens: tokens(Fixtures.read(path), from: 0, width: width),
            ends: stride(from: 0, to: index.count, by: 8).map { Int(u64(index, $0)) }, metadata: metadata)
    }

    /// Splits a token stream after each EOS (llm.c and nanoGPT keep no other boundaries).
    public static func splitAfter(_ eos: UInt32, _ tokens: [UInt32]) -> [[UInt32]] {
        var docs: [[UInt32]] = []
        var current: [UInt32] = []
        for t in tokens {
            current.append(t)
            if t == eos { docs.append(current); current = [] }
        }
        if !current.isEmpty { docs.append(current) }
        return docs
    }

    /// datatrove documents from the cumulative ends.
    public static func documents(_ d: Datatrove) -> [[UInt32]] {
        var start = 0
        return d.ends.map { end in defer { start = end }; return Array(d.tokens[start..<end]) }
    }
}
