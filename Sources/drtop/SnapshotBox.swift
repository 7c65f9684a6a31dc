import DRCore
import Synchronization

/// Holds the latest snapshot across threads.
final class SnapshotBox: Sendable {
    private let storage = Mutex<Snapshot?>(nil)

    func set(_ snapshot: Snapshot) { storage.withLock { $0 = snapshot } }
    var value: Snapshot? { storage.withLock { $0 } }
}
