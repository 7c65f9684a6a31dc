import Foundation
import Synchronization

/// The offset between this machine's clock and AWS's, learnt from a server's Date header when it answers
/// that a request's time is off (RequestTimeTooSkewed, RequestExpired, "Signature expired"). One per
/// process: every client signs with the corrected time, STS included, and the screen says how far off the
/// local clock is.
package final class ClockSkew: Sendable {
    /// The process's clock correction.
    package static let shared = ClockSkew()
    private let offset = Mutex<Double>(0)

    /// Creates a correction of 0.
    package init() {}

    /// The time to sign with: the local clock plus the learnt offset.
    package func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// Learns the offset from a server's time.
    package func correct(serverTime: Date, localTime: Date = Date()) {
        offset.withLock { $0 = serverTime.timeIntervalSince(localTime) }
    }

    /// Forgets the correction (tests).
    package func reset() {
        offset.withLock { $0 = 0 }
    }

    /// Seconds the local clock is behind AWS's (negative: ahead), when a correction was needed; nil otherwise.
    package var offsetSeconds: Double? {
        let value = offset.withLock { $0 }
        return value == 0 ? nil : value
    }
}
