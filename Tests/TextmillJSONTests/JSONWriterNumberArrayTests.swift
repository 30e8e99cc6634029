import Testing
import TextmillJSON
import TextmillTestSupport

/// The block-writing number arrays (`intArray`, `doubleArray` through a `DoubleTextCache`)
/// against the element-by-element text they replace: `String(v)` and `Double.description`.
@Suite struct JSONWriterNumberArrayTests {
    /// The text `double(_:)` writes for one finite element of a feature vector.
    static func reference(_ v: Double) -> String {
        if !v.isFinite { return "null" }
        if v == v.rounded(.towardZero) && abs(v) < 1e15 { return String(Int(v)) + ".0" }
        return v.description
    }

    @Test func integerArraysMatchStringOfEachElement() {
        var values = [0, 1, 9, 10, 99, 100, 101, 999_999, 1_000_000, -1, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var rng = MultilingualSample(seed: 3)
        for _ in 0..<3_000 { values.append(Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64)) }
        for n in [0, 1, 2, 150, values.count] {  // one element, and more than one scratch block
            var w = JSONWriter()
            w.raw(UInt8(ascii: "x"))
            values.prefix(n).withUnsafeBufferPointer { w.intArray($0) }
            let expected = "x[" + values.prefix(n).map(String.init).joined(separator: ",") + "]"
            #expect(String(decoding: w.bytes, as: UTF8.self) == expected, "n \(n)")
        }
    }

    /// Repeats (hits), a cache small enough for collisions, both signs, integral values,
    /// extremes of magnitude, and non-finite values.
    @Test func doubleArraysMatchDescriptionThroughACache() {
        var values: [Double] = [0.5773502691896258, -0.5773502691896258, 0.0, -0.0, 1e-05, -2.0, 1e15, -1e15, 1e16,
                                123456789012345.6, 0.1, 1.0 / 3, .leastNonzeroMagnitude, -.greatestFiniteMagnitude,
                                .leastNormalMagnitude, -2.2250738585072014e-308, .nan, .infinity, -.infinity]
        var rng = MultilingualSample(seed: 11)
        for _ in 0..<4_000 {
            let bits = rng.next()
            let v = rng.next() % 2 == 0 ? Double(bits % 97) / Double(1 + bits % 1013).squareRoot() : Double(bitPattern: bits)
            values.append(v)
        }
        values += values.reversed()
        for slots in [1, 4, 1024] {
            let cache = DoubleTextCache(slots: slots)
            for _ in 0..<2 {  // the second pass reads what the first one cached
                var w = JSONWriter()
                values.withUnsafeBufferPointer { w.doubleArray($0, cache: cache) }
                let expected = "[" + values.map(Self.reference).joined(separator: ",") + "]"
                #expect(String(decoding: w.bytes, as: UTF8.self) == expected, "slots \(slots)")
            }
        }
    }

    @Test func featureVectorsWriteTheirValuesExactly() throws {
        var w = JSONWriter()
        let cache = DoubleTextCache()
        let values = [0.5773502691896258, -0.5773502691896258, -0.5773502691896258, 0.0, 1e-05, -2.0, 0.5773502691896258]
        values.withUnsafeBufferPointer { w.doubleArray($0, cache: cache) }
        let text = String(decoding: w.bytes, as: UTF8.self)
        #expect(text == "[0.5773502691896258,-0.5773502691896258,-0.5773502691896258,0.0,1e-05,-2.0,0.5773502691896258]")
        #expect(try JSONValue.parse(text).arrayValue?.compactMap(\.doubleValue) == values)
    }
}
