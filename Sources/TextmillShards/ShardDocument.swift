/// One input document as the shard writer receives it: its 0-based position in the input,
/// and either its token ids, cut into one or more sequences, or its error record.
///
/// A document is one sequence unless `sequenceEnds` says otherwise (Megatron's
/// `--split-sentences`: one sequence per sentence); the ends are exclusive offsets into `ids`.
public struct ShardDocument: Sendable, Equatable {
    public var ordinal: Int
    public var ids: [UInt32]
    /// Exclusive end of each sequence within `ids`, ascending, the last equal to `ids.count`;
    /// empty means a single sequence.
    public var sequenceEnds: [Int]
    /// The JSONL error record (without its newline) of a document that failed; `ids` is then empty.
    public var errorRecord: [UInt8]?

    public init(ordinal: Int, ids: [UInt32], sequenceEnds: [Int] = []) {
        self.ordinal = ordinal
        self.ids = ids
        self.sequenceEnds = sequenceEnds
        self.errorRecord = nil
    }

    public init(ordinal: Int, errorRecord: [UInt8]) {
        self.ordinal = ordinal
        self.ids = []
        self.sequenceEnds = []
        self.errorRecord = errorRecord
    }

    public var isError: Bool { errorRecord != nil }
}
