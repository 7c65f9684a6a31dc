import DRRender
import Foundation
import Synchronization

/// A thread-safe mailbox through which background work (the poller, file export) hands events to the UI loop.
/// Posting also writes a byte to a wake-up pipe, so the UI loop, which waits on the keyboard and this pipe
/// together, draws new data at once instead of at its next frame tick.
public final class EventInbox: Sendable {
    private let events = Mutex<[AppEvent]>([])
    private let pipeEnds: (read: Int32, write: Int32)

    /// Creates an empty inbox.
    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        pipeEnds = (fds[0], fds[1])
    }

    deinit {
        if pipeEnds.read >= 0 { close(pipeEnds.read) }
        if pipeEnds.write >= 0 { close(pipeEnds.write) }
    }

    /// The descriptor that becomes readable when events are waiting (-1 when no pipe could be made).
    public var wakeDescriptor: Int32 { pipeEnds.read }

    /// Adds an event; snapshots replace an undelivered older snapshot (only the newest matters).
    public func post(_ event: AppEvent) {
        events.withLock { queue in
            if event.bringsSnapshot, let index = queue.lastIndex(where: \.bringsSnapshot) {
                queue[index] = event
            } else {
                queue.append(event)
            }
        }
        if pipeEnds.write >= 0 {
            var byte: UInt8 = 1
            _ = write(pipeEnds.write, &byte, 1)
        }
    }

    /// Takes every waiting event, oldest first.
    public func drain() -> [AppEvent] {
        if pipeEnds.read >= 0 {
            var sink = [UInt8](repeating: 0, count: 256)
            while read(pipeEnds.read, &sink, sink.count) > 0 {}
        }
        return events.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
