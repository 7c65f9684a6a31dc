import DRCore
import DRSources
import Foundation

/// Polls a source until `polls` complete polls or `timeout` seconds pass (call `Startup.prepare` first).
enum OnePoll {
    static func take(_ built: SourceFactory.Built, timeout: Double, polls: Int = 1, interval: Double? = nil) throws
        -> Snapshot {
        let poller = Poller(source: built.source, intervalSeconds: interval ?? built.refreshSeconds)
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
