/// Where a pair's full failover report comes from: given whole (a judgement made by hand), or written on demand
/// from the snapshot the assessment judged (`DeferredReports`).
enum FailoverEvidence: Sendable {
    /// A report already written.
    indirect case ready(FailoverReport)
    /// The pair at `position` of the assessment's snapshot, written when asked for.
    case deferred(DeferredReports, position: Int)

    /// True when both are the same pair of the same assessment, whose reports are then equal without writing them.
    func isSame(as other: FailoverEvidence) -> Bool {
        if case .deferred(let source, let position) = self, case .deferred(let theirs, let at) = other {
            return source === theirs && position == at
        }
        return false
    }
}
