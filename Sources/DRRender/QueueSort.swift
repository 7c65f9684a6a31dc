import DRCore

/// Orders of the drill-down's pending-object queue.
public enum QueueSort: String, Sendable, Equatable, CaseIterable {
    /// Oldest first: what is closest to breaking the RPO.
    case age
    /// Largest first: what takes longest to move.
    case size

    /// The next order in the cycle.
    public var next: QueueSort { self == .age ? .size : .age }
}

extension QueueSort {
    /// `objects` in `order`: oldest first (key breaks ties), or largest first. A queue already in order (the
    /// sources give it oldest first) is returned as it is, without sorting.
    static func ordered(_ objects: [PendingObject], by order: QueueSort) -> [PendingObject] {
        switch order {
        case .age:
            let before: (PendingObject, PendingObject) -> Bool = { ($0.writtenAt, $0.key) < ($1.writtenAt, $1.key) }
            if zip(objects, objects.dropFirst()).allSatisfy({ !before($1, $0) }) { return objects }
            return objects.sorted(by: before)
        case .size:
            return objects.sorted { $0.size != $1.size ? $0.size > $1.size : $0.key < $1.key }
        }
    }
}
