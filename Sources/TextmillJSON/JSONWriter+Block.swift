extension JSONWriter {
    /// Runs `body` with a `JSONBlock` that appends to this writer; everything written through
    /// it is in `bytes` when `body` returns.
    @inlinable
    public mutating func withBlock<R>(_ body: (inout JSONBlock) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONBlock.capacity) { scratch in
            var block = JSONBlock(output: [], base: scratch.baseAddress!)
            swap(&block.output, &bytes)
            let result = body(&block)
            block.flush()
            swap(&block.output, &bytes)
            return result
        }
    }
}
