/// A drill-down's own state: the pair, which direction is shown, and where the queue's selection and scroll are.
public struct DrillDownPage: Sendable, Equatable {
    /// The pair shown, by name.
    public let pair: String
    /// 0 shows primary → secondary, 1 the way back.
    public private(set) var direction = 0
    /// The selected queue row.
    public var queueSelection = 0
    /// The first queue row shown.
    public var queueScroll = 0

    /// The drill-down of `pair`, primary → secondary, at the top of its queue.
    public init(pair: String) {
        self.pair = pair
    }

    /// Shows the other direction, from the top of its queue.
    public mutating func switchDirection() {
        direction = 1 - direction
        toTopOfQueue()
    }

    /// Selects the queue's first row and scrolls to it (the queue was reordered or replaced).
    public mutating func toTopOfQueue() {
        queueSelection = 0
        queueScroll = 0
    }
}
