/// The input positions of documents that `textmill dedup` leaves out of both output files
/// (failed, or rejected by the signature run's filters), on disk: appended in increasing order
/// in pass 1, asked about in increasing order in pass 2. A filtered corpus can reject most of
/// its documents, so they are not kept in a set in memory.
public final class LeftOutOrdinals {
    private let file: SpillFile
    private var reader: FixedRecordReader?
    private var position = 0
    private var last = -1

    public init(directory: String) throws(DedupError) {
        file = try SpillFile(directory: directory)
    }

    public var count: Int { file.size / 8 }

    /// Adds `ordinal`, larger than the last one added.
    public func append(_ ordinal: Int) throws(DedupError) {
        guard ordinal > last else { throw DedupError("left-out ordinal \(ordinal) after \(last)") }
        last = ordinal
        var bytes: [UInt8] = []
        DedupSignature.put(UInt64(ordinal), &bytes)
        try file.append(bytes)
    }

    /// Whether `ordinal` was added; ordinals must be asked in increasing order.
    public func contains(_ ordinal: Int) throws(DedupError) -> Bool {
        let reader = self.reader ?? FixedRecordReader(file: file, words: 1, blockRecords: 4096)
        self.reader = reader
        while position < reader.count {
            let next = Int(try reader.word(position, 0))
            if next >= ordinal { return next == ordinal }
            position += 1
        }
        return false
    }
}
