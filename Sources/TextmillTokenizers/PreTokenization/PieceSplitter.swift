/// Splits text into the pieces that are byte-pair encoded separately (tiktoken's `regex.find_iter`).
/// One per encoder: implementations may keep mutable state (ICU's matcher).
public protocol PieceSplitter: AnyObject {
    /// Appends `start, end` byte offsets (relative to `text`) of each piece, in order, to `pieces`.
    /// Text that no alternative matches is left out, as `find_iter` leaves it out.
    func split(_ text: UnsafeBufferPointer<UInt8>, into pieces: inout [Int32]) throws
}
