/// How much of the store a direction's queue has seen. A bounded scan lists a bucket a few pages a tick, so a
/// bucket of many versions takes several ticks a pass and the queue is partial in between; events can be left
/// unread when a tick's budget is spent. A partial view says so and never stands in for a pending count.
public struct QueueCoverage: Sendable, Equatable {
    /// Versions listed so far in the pass under way (scan).
    public var versionsScanned: Int
    /// The versions under the rules' prefixes are at least this many (the last full pass, or this one so far).
    public var versionsAtLeast: Int
    /// Ticks into the pass under way, from 1 (scan).
    public var tick: Int
    /// Ticks the last full pass took; nil before one has finished.
    public var ticksPerPass: Int?
    /// True when the last full listing fit in one tick: every version under the prefixes is seen every tick.
    public var everyTick: Bool
    /// Event messages read this tick (events).
    public var eventsRead: Int?
    /// Messages left in the queue when the tick's receive budget was spent (`ApproximateNumberOfMessages`).
    public var eventsUnread: Int?

    /// A scan's coverage.
    public static func scan(versionsScanned: Int, versionsAtLeast: Int, tick: Int, ticksPerPass: Int?,
                            everyTick: Bool) -> QueueCoverage {
        QueueCoverage(versionsScanned: versionsScanned, versionsAtLeast: versionsAtLeast, tick: tick,
                      ticksPerPass: ticksPerPass, everyTick: everyTick, eventsRead: nil, eventsUnread: nil)
    }

    /// A queue not read yet: the dashboard's first look at a region leaves the queue to the poll right after it.
    public static let notStarted = QueueCoverage.scan(versionsScanned: 0, versionsAtLeast: 0, tick: 0,
                                                      ticksPerPass: nil, everyTick: false)

    /// An event queue's coverage this tick.
    public static func events(read: Int, unread: Int?) -> QueueCoverage {
        QueueCoverage(versionsScanned: 0, versionsAtLeast: 0, tick: 0, ticksPerPass: nil, everyTick: false,
                      eventsRead: read, eventsUnread: unread)
    }

    /// True when the queue is the whole of what waits: events all read, or a scan that lists everything every
    /// tick. Only then may its count stand in for CloudWatch's pending figure.
    public var isComplete: Bool {
        if let eventsRead { return eventsRead >= 0 && eventsUnread == nil }
        return everyTick
    }

    /// "scan: 2,000 of ≥ 45,000 versions, pass 3/23", "scan: all 812 versions every tick",
    /// "events: 200 read, ~1,234 unread (tick budget spent)", "not read yet (the next poll reads it)".
    public var text: String {
        if self == .notStarted { return "not read yet (the next poll reads it)" }
        if let eventsRead {
            guard let unread = eventsUnread else { return "events: \(Format.count(eventsRead)) read" }
            return "events: \(Format.count(eventsRead)) read, ~\(Format.count(unread)) unread (tick budget spent)"
        }
        if everyTick { return "scan: all \(Format.count(versionsAtLeast)) versions every tick" }
        let per = ticksPerPass.map { "\($0)" } ?? "?"
        return "scan: \(Format.count(versionsScanned)) of ≥ \(Format.count(versionsAtLeast)) versions, pass \(tick)/\(per)"
    }
}
