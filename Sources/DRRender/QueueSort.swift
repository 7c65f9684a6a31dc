/// Orders of the drill-down's pending-object queue.
public enum QueueSort: String, Sendable, Equatable, CaseIterable {
    /// Oldest first: what is closest to breaking the RPO.
    case age
    /// Largest first: what takes longest to move.
    case size

    /// The next order in the cycle.
    public var next: QueueSort { self == .age ? .size : .age }
}
