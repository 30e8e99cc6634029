#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread that starts at once, for `serve-bench`'s blocking socket writers and readers.
final class BenchThread: @unchecked Sendable {
    private let body: @Sendable () -> Void
    private var handle = pthread_t()

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let box = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&handle, nil, { raw in
            Unmanaged<BenchThread>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
    }

    func join() { pthread_join(handle, nil) }
}
