import Foundation
import Synchronization

/// Waits on the calling (non-async) thread for async work started in a detached task: used at start-up only,
/// before the UI loop exists.
package enum Blocking {
    /// Runs `work` and returns its value, or throws what it threw.
    package static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                let value = try await work()
                result.withLock { $0 = .success(value) }
            } catch {
                result.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
