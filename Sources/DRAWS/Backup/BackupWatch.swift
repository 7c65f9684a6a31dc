import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Reads AWS Backup for each pair that watches it (a vault named, or backup and restore), every
/// `refreshSeconds` (recovery points and jobs change at the pace of backups; `r` reads at once) and sooner after a
/// failure, in a task beside the poll that the poll waits on at most a request timeout. Both regions' polls of a
/// pair share one read.
package final class BackupWatch: Sendable {
    private struct Slot {
        var task: Task<BackupStatus, Never>?
        var startedAt: Date?
        var last: BackupStatus?
    }

    private let reader: BackupReader
    private let refreshSeconds: Double
    private let retrySeconds: Double
    private let slots = Mutex<[String: Slot]>([:])

    /// Creates the watch: a read every `refreshSeconds`, every `retrySeconds` after a failed one.
    package init(client: AWSClient, refreshSeconds: Double, retrySeconds: Double) {
        reader = BackupReader(client: client)
        self.refreshSeconds = refreshSeconds
        self.retrySeconds = min(retrySeconds, refreshSeconds)
    }

    /// Reads every pair's backups again at its next poll.
    package func invalidate() {
        slots.withLock { slots in
            for key in slots.keys { slots[key]?.startedAt = nil }
        }
    }

    /// Whether `pair` is watched: it names a vault or its strategy is backup and restore.
    package static func watches(_ pair: PairSpec) -> Bool {
        pair.backupVault != nil || pair.strategy == .backupAndRestore
    }

    /// What AWS Backup holds of `pair`'s primary bucket, waiting at most `waitSeconds` for a read in flight; nil
    /// before the first read answers.
    package func backup(_ pair: PairSpec, now: Date, waitSeconds: Double) async -> BackupStatus? {
        let (task, last) = slots.withLock { slots -> (Task<BackupStatus, Never>?, BackupStatus?) in
            var slot = slots[pair.name] ?? Slot()
            let interval = slot.last?.problem == nil ? refreshSeconds : retrySeconds
            let due = slot.startedAt.map { now.timeIntervalSince($0) >= interval } ?? true
            if slot.task == nil, due {
                slot.startedAt = now
                let previous = slot.last
                slot.task = Task.detached { [self] in
                    let status = await reader.read(bucket: pair.primary, vault: pair.backupVault, previous: previous,
                                                   now: now)
                    finish(pair.name, status)
                    return status
                }
            }
            slots[pair.name] = slot
            return (slot.task, slot.last)
        }
        guard let task else { return last }
        return await Deadline.value(of: task, within: waitSeconds) ?? last
    }

    private func finish(_ pair: String, _ status: BackupStatus) {
        slots.withLock { slots in
            slots[pair]?.task = nil
            slots[pair]?.last = status
        }
    }
}
