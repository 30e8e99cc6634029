extension JSONWriter {
    /// Bytes of scratch an array writer fills before appending them to `bytes`.
    private static let blockSize = 2048
    /// Room one element may need: a comma, a sign, and the longest number text (a cached
    /// double's copy is always `DoubleTextCache.slotBytes` long).
    private static let elementRoom = 2 + max(NumberText.maxIntLength + 2, DoubleTextCache.slotBytes)

    /// Writes `[v0,v1,…]`: the same bytes as `int` per element with commas, formatted block by
    /// block into stack scratch and appended once per block (feature vectors' indices are
    /// thousands of numbers per chunk; one append each was most of their cost).
    public mutating func intArray(_ values: UnsafeBufferPointer<Int>) {
        bytes.append(UInt8(ascii: "["))
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.blockSize) { block in
            let base = block.baseAddress!
            var n = 0
            for i in values.indices {
                if n > Self.blockSize - Self.elementRoom {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
                    n = 0
                }
                if i > 0 {
                    base[n] = UInt8(ascii: ",")
                    n += 1
                }
                n += NumberText.int(values[i], to: base + n)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `[v0,v1,…]` as `double` writes each element (non-finite ones as `null`), the
    /// text of non-integral values through `cache`, block by block as `intArray` does.
    public mutating func doubleArray(_ values: UnsafeBufferPointer<Double>, cache: DoubleTextCache) {
        bytes.append(UInt8(ascii: "["))
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.blockSize) { block in
            let base = block.baseAddress!
            var n = 0
            for i in values.indices {
                if n > Self.blockSize - Self.elementRoom {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
                    n = 0
                }
                if i > 0 {
                    base[n] = UInt8(ascii: ",")
                    n += 1
                }
                let v = values[i]
                if !v.isFinite {
                    base[n] = UInt8(ascii: "n")
                    base[n + 1] = UInt8(ascii: "u")
                    base[n + 2] = UInt8(ascii: "l")
                    base[n + 3] = UInt8(ascii: "l")
                    n += 4
                } else if v == v.rounded(.towardZero) && abs(v) < 1e15 {
                    n += NumberText.int(Int(v), to: base + n)
                    base[n] = UInt8(ascii: ".")
                    base[n + 1] = UInt8(ascii: "0")
                    n += 2
                } else {
                    // The cache holds magnitudes: ±x share one entry.
                    if v < 0 {
                        base[n] = UInt8(ascii: "-")
                        n += 1
                    }
                    n += cache.write(v.magnitude, to: base + n)
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
        }
        bytes.append(UInt8(ascii: "]"))
    }
}
