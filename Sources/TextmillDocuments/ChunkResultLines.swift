extension ChunkResult {
    /// Calls `body` with each record line (without its newline), its position in the chunk and
    /// whether it is an error record (`failedPositions`), in order, without parsing anything.
    public func forEachLine<E: Error>(
        _ body: (_ position: Int, _ line: ArraySlice<UInt8>, _ failed: Bool) throws(E) -> Void
    ) throws(E) {
        var failed = failedPositions.sorted()[...]
        var position = 0
        var start = 0
        var i = 0
        while i < records.count {
            if records[i] == 0x0A {
                let isFailed = failed.first == position
                if isFailed { failed.removeFirst() }
                try body(position, records[start..<i], isFailed)
                position += 1
                start = i + 1
            }
            i += 1
        }
    }
}
