/// Converts increasing UTF-8 byte offsets into Unicode-scalar indices in one forward pass over the text
/// (offsets are asked for in order, so the whole document costs O(bytes)).
struct ScalarCursor {
    private var byte = 0
    /// Scalars that start before `byte`.
    private var scalarsBefore = 0

    /// The index of the scalar that contains byte `offset`; offsets must not decrease between calls.
    mutating func scalarIndex(containing offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        while byte <= offset {
            if text[byte] & 0xC0 != 0x80 { scalarsBefore += 1 }
            byte += 1
        }
        return scalarsBefore - 1
    }
}
