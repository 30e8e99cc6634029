/// Counts the bytes read from the underlying file into a shared counter, so progress can be
/// reported in input bytes (compressed bytes for `.gz`) while readers sit on decompressors.
struct CountingByteSource: ByteSource {
    final class Counter {
        var count = 0
    }

    var base: FileByteSource
    let counter: Counter

    var name: String { base.name }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        let n = try base.read(into: buffer)
        counter.count += n
        return n
    }
}
