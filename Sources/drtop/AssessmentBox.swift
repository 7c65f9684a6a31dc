import DRCore
import Foundation
import Synchronization

/// The latest snapshot and its judgement, across threads (`drtop serve`): judged once when the snapshot arrives,
/// and again at a scrape only when the clock has passed a boundary where a judgement changes.
final class AssessmentBox: Sendable {
    private let thresholds: Thresholds
    private let storage = Mutex<(snapshot: Snapshot, assessment: Assessment)?>(nil)

    init(thresholds: Thresholds) {
        self.thresholds = thresholds
    }

    /// Takes a new snapshot and judges it at `now`.
    func set(_ snapshot: Snapshot, now: Date = Date()) {
        let assessment = Assessment(snapshot, thresholds: thresholds, now: now)
        storage.withLock { $0 = (snapshot, assessment) }
    }

    /// The latest snapshot with its judgement at `now`; nil before the first.
    func current(now: Date = Date()) -> (snapshot: Snapshot, assessment: Assessment)? {
        storage.withLock { held in
            guard var value = held else { return nil }
            if value.assessment.isOutdated(at: now) {
                value.assessment = Assessment(value.snapshot, thresholds: thresholds, now: now)
                held = value
            }
            return value
        }
    }
}
