/// A type-erased byte source, so a reader can sit on a file, a decompressor or a peeked
/// prefix chosen at run time. One dynamic call per block (about 1 MiB), not per byte.
public struct AnyByteSource: ByteSource {
    private var base: any ByteSource

    public init(_ base: any ByteSource) { self.base = base }

    public var name: String { base.name }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        try base.read(into: buffer)
    }
}
