import Synchronization

/// Resumes a continuation exactly once, whoever calls first: used to race work against a deadline
/// without waiting for the loser (the poller's region deadline, the AWS source's routing reads).
package final class OneShot<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    package init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    /// Resumes with `value` if nobody has yet; later calls do nothing.
    package func resume(_ value: Value) {
        let pending = continuation.withLock { slot -> CheckedContinuation<Value, Never>? in
            defer { slot = nil }
            return slot
        }
        pending?.resume(returning: value)
    }
}
