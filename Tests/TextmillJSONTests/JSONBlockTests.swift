import Testing
import TextmillJSON
import TextmillTestSupport

/// `JSONBlock` must write exactly the bytes `JSONWriter` writes for the same calls, across block
/// boundaries and for strings too long for one block.
@Suite struct JSONBlockTests {
    enum Call { case raw(UInt8), int(Int), pair(Int, Int), string([UInt16]) }

    static func calls(seed: UInt64, count: Int) -> [Call] {
        let pool: [UInt16] = [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x2F, 0x41, 0x5C, 0x61, 0x7A, 0x7F, 0x80, 0xE9,
                              0x7FF, 0x800, 0x3042, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF]
        var rng = MultilingualSample(seed: seed)
        return (0..<count).map { _ in
            switch rng.next() % 6 {
            case 0: return .raw(UInt8(truncatingIfNeeded: rng.next() % 128))
            case 5: return .pair(Int(rng.next() % 100_000), Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64))
            case 1: return .int(Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64))
            case 2: return .int(Int(rng.next() % 20_000))
            default:
                // mostly short, sometimes longer than a block (1024 bytes / 6 = 170 units)
                let length = rng.next() % 16 == 0 ? Int(rng.next() % 900) : Int(rng.next() % 12)
                return .string((0..<length).map { _ in
                    rng.next() % 3 == 0 ? pool[Int(rng.next() % UInt64(pool.count))] : UInt16(0x61 + rng.next() % 26)
                })
            }
        }
    }

    @Test func writesWhatJSONWriterWrites() {
        for seed in UInt64(1)...40 {
            let calls = Self.calls(seed: seed, count: Int(seed * 97 % 3000))
            var expected = JSONWriter()
            expected.raw(UInt8(ascii: "x"))
            for call in calls {
                switch call {
                case .raw(let b): expected.raw(b)
                case .int(let v): expected.int(v)
                case .pair(let a, let b):
                    expected.raw(UInt8(ascii: "["))
                    expected.int(a)
                    expected.raw(UInt8(ascii: ","))
                    expected.int(b)
                    expected.raw(UInt8(ascii: "]"))
                case .string(let units): units.withUnsafeBufferPointer { expected.string(utf16: $0) }
                }
            }
            var got = JSONWriter()
            got.raw(UInt8(ascii: "x"))  // what was written before the block stays
            got.withBlock { block in
                for call in calls {
                    switch call {
                    case .raw(let b): block.raw(b)
                    case .int(let v): block.int(v)
                    case .pair(let a, let b): block.pair(a, b)
                    case .string(let units): units.withUnsafeBufferPointer { block.string(utf16: $0) }
                    }
                }
            }
            #expect(got.bytes == expected.bytes, "seed \(seed)")
        }
    }

    @Test func emptyBlockWritesNothing() {
        var w = JSONWriter()
        w.raw(UInt8(ascii: "["))
        w.withBlock { _ in }
        #expect(w.bytes == [UInt8(ascii: "[")])
    }
}
