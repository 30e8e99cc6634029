extension ChunkResult {
    /// Calls `body` with each record line's position in the chunk, its bytes in `records`
    /// (without the newline) and, for an error record, why the document failed (`failures`), in
    /// order, without parsing anything.
    public func forEachLine<E: Error>(
        _ body: (_ position: Int, _ line: Range<Int>, _ failure: DocumentError?) throws(E) -> Void
    ) throws(E) {
        var next = 0
        try JSONLLines.forEach(in: records, failedPositions: failedPositions) { (position, line, failed) throws(E) in
            var failure: DocumentError?
            if failed {
                failure = failures[next].error
                next += 1
            }
            try body(position, line, failure)
        }
    }
}
