import DRRender
import Synchronization

/// A thread-safe mailbox through which background work (the poller, file export) hands events to the UI loop.
/// The UI loop never waits on it: it drains whatever is there once per frame.
public final class EventInbox: Sendable {
    private let events = Mutex<[AppEvent]>([])

    /// Creates an empty inbox.
    public init() {}

    /// Adds an event; snapshots replace an undelivered older snapshot (only the newest matters).
    public func post(_ event: AppEvent) {
        events.withLock { queue in
            if case .snapshot = event, let index = queue.lastIndex(where: {
                if case .snapshot = $0 { return true } else { return false }
            }) {
                queue[index] = event
            } else {
                queue.append(event)
            }
        }
    }

    /// Takes every waiting event, oldest first.
    public func drain() -> [AppEvent] {
        events.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
