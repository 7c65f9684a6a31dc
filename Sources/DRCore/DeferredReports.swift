import Foundation

/// What an assessment's failover reports are written from when one is asked for (`PairAssessment.failover`):
/// the snapshot judged, the checklist and the time. One per assessment, shared by its pairs; it formats nothing
/// until a report is shown or exported, so judging 10,000 pairs writes no evidence.
final class DeferredReports: Sendable {
    /// The snapshot judged.
    let snapshot: Snapshot
    /// The checklist, with the thresholds judged with.
    let checklist: FailoverChecklist
    /// The time judged at.
    let now: Date

    /// Holds `snapshot` judged with `checklist` at `now`.
    init(_ snapshot: Snapshot, checklist: FailoverChecklist, now: Date) {
        self.snapshot = snapshot
        self.checklist = checklist
        self.now = now
    }

    /// The full report of the pair at `position` in the snapshot, with the judgement the assessment made of it.
    func report(_ position: Int, health: DirectionHealth, recovery: RecoveryJudgement) -> FailoverReport {
        let pair = snapshot.pairs[position]
        return checklist.report(pair, CheckFacts(pair, in: snapshot, health: health, recovery: recovery,
                                                 thresholds: checklist.evaluator.thresholds, now: now))
    }
}
