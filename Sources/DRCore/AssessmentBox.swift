import Foundation
import Synchronization

/// The latest snapshot and its judgement, across threads (the dashboard, `drtop serve`): judged once when the
/// snapshot arrives,
/// and again at a scrape only when the clock has passed a boundary where a judgement changes.
public final class AssessmentBox: Sendable {
    private let thresholds: Thresholds
    private let storage = Mutex<(snapshot: Snapshot, assessment: Assessment)?>(nil)

    /// A box judging with `thresholds`.
    public init(thresholds: Thresholds) {
        self.thresholds = thresholds
    }

    /// Takes a new snapshot and judges it at `now`; `then` gets both, inside the lock, so that what it posts is
    /// in the order the box held them.
    public func set(_ snapshot: Snapshot, now: Date = Date(),
             then: (Snapshot, Assessment) -> Void = { _, _ in }) {
        let assessment = Assessment(snapshot, thresholds: thresholds, now: now)
        storage.withLock {
            $0 = (snapshot, assessment)
            then(snapshot, assessment)
        }
    }

    /// Judges the held snapshot again when the clock at `now` has passed a boundary of its judgement, and hands
    /// the new judgement to `then` (inside the lock: a newer snapshot set meanwhile is never overtaken).
    public func rejudgeIfOutdated(now: Date = Date(), then: (Snapshot, Assessment) -> Void) {
        storage.withLock { held in
            guard var value = held, value.assessment.isOutdated(at: now) else { return }
            value.assessment = Assessment(value.snapshot, thresholds: thresholds, now: now)
            held = value
            then(value.snapshot, value.assessment)
        }
    }

    /// The latest snapshot with its judgement at `now`; nil before the first.
    public func current(now: Date = Date()) -> (snapshot: Snapshot, assessment: Assessment)? {
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
