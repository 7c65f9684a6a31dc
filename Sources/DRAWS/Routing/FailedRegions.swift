import DRWire
import Foundation
import Synchronization

/// The regions (or endpoints) of a multi-region read that failed, remembered after a later read starts with
/// one that answers and no longer tries them: the note that says "from us-west-2: us-east-1 refused" stays
/// while the failure is recent, with the time it was seen, until that region answers again.
package final class FailedRegions: Sendable {
    private let failures = Mutex<[String: (message: String, at: Date)]>([:])
    /// How long a failure not seen again is still said.
    private let keepSeconds: Double

    /// Creates the memory; failures are said for `keepSeconds` after they were last seen.
    package init(keepSeconds: Double) {
        self.keepSeconds = keepSeconds
    }

    /// Remembers that `region` failed with `message` at `now`.
    package func failed(_ region: String, _ message: String, at now: Date) {
        failures.withLock { $0[region] = (message, now) }
    }

    /// Forgets `region`'s failure: it answered.
    package func answered(_ region: String) {
        failures.withLock { _ = $0.removeValue(forKey: region) }
    }

    /// The failures to say at `now`, apart from `region`, oldest region name first: those of this read as they
    /// are, earlier ones with their time.
    package func said(except region: String, current: Set<String>, now: Date) -> [String] {
        failures.withLock { failures in
            failures.keys.sorted().compactMap { name in
                guard name != region, let failure = failures[name],
                      now.timeIntervalSince(failure.at) <= keepSeconds else { return nil }
                return current.contains(name) ? failure.message : "\(failure.message) (at \(ISO8601.format(failure.at)))"
            }
        }
    }
}
