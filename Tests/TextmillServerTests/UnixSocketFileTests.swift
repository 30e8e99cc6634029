import Testing
@testable import TextmillServer
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct UnixSocketFileTests {
    /// The socket file is 0600 and accepts connections the moment it exists: a client that
    /// connects as soon as it sees the file (as tests and scripts do) is queued, not refused.
    @Test func aPrivateSocketListensAsSoonAsItsFileExists() throws {
        let path = TextmillBinary.temporaryDirectory() + "/s.sock"
        let fd = try UnixSocketFile.bindPrivate(path, backlog: 4)
        defer {
            close(fd)
            unlink(path)
        }
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(LineClient("unix:" + path) != nil)
        #expect(throws: ListenAddressError.self) { try UnixSocketFile.bindPrivate(path, backlog: 4) }
    }
}
