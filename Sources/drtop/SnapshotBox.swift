import DRCore
import Synchronization

/// Holds the latest snapshot across threads.
final class SnapshotBox: Sendable {
    private let storage = Mutex<Snapshot?>(nil)

    func set(_ snapshot: Snapshot) { storage.withLock { $0 = snapshot } }
    var value: Snapshot? { storage.withLock { $0 } }

    /// Holds a failure message across threads.
    final class Failure: Sendable {
        private let storage = Mutex<String?>(nil)

        func set(_ message: String) { storage.withLock { $0 = message } }
        var value: String? { storage.withLock { $0 } }
    }
}
