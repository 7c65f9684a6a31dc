import DRCore
import Foundation

/// The simulated state of one direction: a FIFO of per-second arrival batches, served at a throughput.
struct DemoDirectionState: Sendable {
    struct Batch: Sendable {
        var second: Int
        var count: Int
        var size: Int64
        var served = 0
        var remaining: Int { count - served }
    }

    struct FailureEvent: Sendable {
        var second: Int
        var count: Int
        var reason: String
    }

    var batches: [Batch] = []
    var head = 0
    var pendingOps = 0
    var pendingBytes: Int64 = 0
    var failures: [FailureEvent] = []
    var failedObjects: [PendingObject] = []
    var lag = 0.0
    var lagSamples: [Sample] = []
    var pendingSamples: [Sample] = []
    var written = 0

    /// Drops served batches from the front once they pile up.
    mutating func compact() {
        if head > 256, head * 2 > batches.count {
            batches.removeFirst(head)
            head = 0
        }
    }

    /// Keeps failure events of the last 15 minutes and the newest 60 failed objects.
    mutating func expireFailures(before second: Int) {
        failures.removeAll { $0.second < second }
        let cutoff = Date(timeIntervalSince1970: TimeInterval(second))
        failedObjects.removeAll { $0.writtenAt < cutoff }
        if failedObjects.count > 60 { failedObjects.removeFirst(failedObjects.count - 60) }
    }

    /// Keeps the last `keep` samples of each series.
    mutating func trimSamples(keep: Int) {
        if lagSamples.count > keep { lagSamples.removeFirst(lagSamples.count - keep) }
        if pendingSamples.count > keep { pendingSamples.removeFirst(pendingSamples.count - keep) }
    }
}
