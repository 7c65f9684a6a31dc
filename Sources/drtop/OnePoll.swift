import DRCore
import DRFrontDoor
import DRSourceKit
import Foundation

/// Polls a source until `polls` complete polls or `timeout` seconds pass (call `Startup.prepare` first).
enum OnePoll {
    static func take(_ built: BuiltSource, timeout: Double, polls: Int = 1, interval: Double? = nil) throws
        -> Snapshot {
        // The command's timeout governs: each region gets most of it (not the dashboard's two refreshes, up to
        // 30 s), so a region that does not answer is reported as such before the command gives up.
        let poller = Poller(source: built.source, intervalSeconds: interval ?? built.refreshSeconds,
                            timeoutSeconds: max(1, min(timeout * 0.8, timeout - 1)))
        let box = SnapshotBox()
        let done = DispatchSemaphore(value: 0)
        let stream = poller.start()
        Task.detached {
            for await snapshot in stream {
                box.set(snapshot)
                // Discovery has finished before this (Startup.prepare): a progress line left in the layout is
                // a note ("no replicating bucket pairs"), not work to wait for.
                if snapshot.sequence >= polls { break }
            }
            done.signal()
        }
        _ = done.wait(timeout: .now() + timeout)
        poller.stop()
        guard let snapshot = box.value, snapshot.sequence >= 1 else {
            throw CheckFailure("no answer within \(Int(timeout)) s")
        }
        return snapshot
    }
}
