/// Writes one shard in one trainer's layout: documents are appended in order, and `commit`
/// completes the index, closes every file and renames them into place (the token file first,
/// so a reader that finds the index also finds complete tokens).
protocol ShardFileWriter: AnyObject {
    /// Appends one document, already carrying its BOS/EOS; `sequenceEnds` as in `ShardDocument`.
    func append(ids: ArraySlice<UInt32>, sequenceEnds: [Int]) throws(ShardError)
    func commit() throws(ShardError)
    func abandon()
    var bytesWritten: Int { get }
}
