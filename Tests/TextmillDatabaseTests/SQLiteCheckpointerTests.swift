import Testing
@testable import TextmillDatabase
import TextmillTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Checkpoints beside a writer: the WAL stays bounded (it restarts after each background pass),
/// nothing is lost, and closing leaves no WAL behind.
@Suite struct SQLiteCheckpointerTests {
    func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    @Test func theWALStaysBoundedWhileTheWriterCommitsAndNothingIsLost() throws {
        let path = TextmillBinary.temporaryDirectory() + "/checkpointed.db"
        var largestWAL = 0
        var passes = 0
        do {
            let writer = try SQLiteDatabase(path: path)
            try writer.execute("PRAGMA page_size = 4096")
            try writer.useWriteAheadLog()
            try writer.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            let checkpointer = try SQLiteCheckpointer(path: path, frames: 20)
            writer.walCommitHandler = { frames in checkpointer.committed(frames: frames) }
            let row = String(repeating: "x", count: 2_000)
            for transaction in 0..<400 {
                try writer.execute("BEGIN IMMEDIATE")
                for k in 0..<4 { try writer.query("INSERT INTO t VALUES (?, ?)", [.integer(Int64(transaction * 4 + k)), .text(row)]) }
                try writer.execute("COMMIT")
                largestWAL = max(largestWAL, size(path + "-wal"))
            }
            checkpointer.drain()
            passes = checkpointer.passes
            writer.walCommitHandler = nil
        }
        // 1,600 rows of 2 KB: a file of over 3 MB (800 pages), written through a WAL that restarted
        // instead of growing with it (about 20 frames per pass; the writer checkpoints itself past
        // 80 unless a background pass holds the checkpoint; 300 leaves room for a slow machine).
        #expect(passes > 0, "the background connection checkpointed")
        #expect(size(path) > 3_000_000)
        #expect(largestWAL > 0 && largestWAL < 300 * 4_120, "largest WAL \(largestWAL) bytes")
        #expect(size(path + "-wal") == 0, "closing the last connection checkpoints and removes the WAL")
        let check = try SQLiteDatabase(path: path)
        #expect(try check.query("SELECT count(*), sum(length(v)) FROM t") == [[.integer(1_600), .integer(3_200_000)]])
        #expect(try check.query("PRAGMA integrity_check") == [[.text("ok")]])
    }
}
