import Foundation

/// A few threads for blocking work (libcurl transfers), so that the cooperative pool never blocks: jobs queue
/// and at most `size` run at once, each on its own thread.
final class BlockingPool: @unchecked Sendable {
    private let size: Int
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var threads = 0
    private var idle = 0

    init(size: Int) {
        self.size = max(1, size)
    }

    /// Runs `job` on a pool thread.
    func run(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        if idle == 0, threads < size {
            threads += 1
            let thread = Thread { [self] in work() }
            thread.name = "drtop-http"
            thread.stackSize = 512 * 1024
            thread.start()
        }
        condition.signal()
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
        }
    }
}
