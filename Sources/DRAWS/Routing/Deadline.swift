import DRSourceKit
import Foundation
import Synchronization

/// Waiting on a read for a bounded time: the poll takes what finished and leaves the rest running.
package enum Deadline {
    /// Where the waiter's continuation is, so that a cancelled wait ends at once.
    private final class Waiter<Value: Sendable>: Sendable {
        let once = Mutex<OneShot<Value?>?>(nil)
        func resume(_ value: Value?) { once.withLock { $0 }?.resume(value) }
    }

    /// The value of `task` when it finishes within `seconds`, else nil (also at once when the waiting task is
    /// cancelled); the task goes on either way.
    package static func value<Value: Sendable>(of task: Task<Value, Never>, within seconds: Double) async -> Value? {
        let waiter = Waiter<Value>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let once = OneShot<Value?>(continuation)
                waiter.once.withLock { $0 = once }
                if Task.isCancelled { once.resume(nil) }
                Task.detached { once.resume(await task.value) }
                Task.detached {
                    try? await Task.sleep(for: .milliseconds(Int(max(0, seconds) * 1000)))
                    once.resume(nil)
                }
            }
        } onCancel: {
            waiter.resume(nil)
        }
    }
}
