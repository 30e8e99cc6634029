internal import CSQLite
import Dispatch
import Synchronization
import TextmillOutput

/// Copies a writer's WAL back into the database file on a thread of its own, through a second
/// connection, so that the writer seldom waits for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses its threshold: it reads the
/// WAL back, writes the pages into the database file and syncs both (`synchronous=NORMAL` syncs
/// only there), so the writing thread stops for the disk every 1,000 pages, and with it the
/// whole run once the coordinator's queue of finished chunks is full. A passive checkpoint from
/// another connection does that work beside the writer (WAL mode lets one writer and a
/// checkpoint run at once; it copies the frames committed when it starts). But the WAL starts
/// over from its beginning only once every frame in it has been copied, which a checkpoint
/// running beside a busy writer never achieves: so after a background pass, the writer's next
/// commit past the threshold copies the few frames committed meanwhile itself (a short sync
/// instead of a long one), and the WAL restarts with the next transaction. The writer's own
/// automatic checkpoint is off while this is attached.
final class SQLiteCheckpointer: @unchecked Sendable {
    /// Frames in the WAL after which a checkpoint starts (SQLite's own default is 1,000).
    let frames: Int32
    /// Frames after which the writer checkpoints itself even while a background pass runs.
    var writerCheckpointFrames: Int32 { 4 * frames }

    /// Used only on `queue` (hence `@unchecked Sendable`).
    private let connection: SQLiteDatabase
    private let queue = DispatchQueue(label: "textmill.sqlite-checkpoint")
    private let running = Atomic<Bool>(false)
    private let completedPasses = Atomic<Int>(0)
    /// The writer's view (used only on its thread): frames at the last commit, and the passes
    /// completed when the WAL last restarted.
    private var lastFrames: Int32 = 0
    private var passesAtRestart = 0

    /// Opens the second connection to the database at `path`.
    init(path: String, frames: Int32 = 1000) throws(OutputError) {
        connection = try SQLiteDatabase(path: path, busyTimeout: 0)
        self.frames = frames
    }

    /// Background passes completed so far.
    var passes: Int { completedPasses.load(ordering: .acquiring) }

    /// What the writer calls after each commit with the frames now in its WAL: starts a
    /// background pass, or says that the writer should checkpoint itself (true).
    func committed(frames: Int32) -> Bool {
        if frames < lastFrames { passesAtRestart = completedPasses.load(ordering: .acquiring) }
        lastFrames = frames
        guard frames >= self.frames else { return false }
        if running.load(ordering: .acquiring) { return frames >= writerCheckpointFrames }
        if completedPasses.load(ordering: .acquiring) > passesAtRestart { return true }
        running.store(true, ordering: .releasing)
        queue.async { [self] in
            // A busy or failed checkpoint leaves the frames in the WAL, where they are as safe
            // as in the file: the next checkpoint (or closing) copies them.
            connection.checkpoint(mode: SQLITE_CHECKPOINT_PASSIVE)
            completedPasses.add(1, ordering: .releasing)
            running.store(false, ordering: .releasing)
        }
        return false
    }

    /// Waits for a running checkpoint to end.
    func drain() {
        queue.sync {}
    }
}
