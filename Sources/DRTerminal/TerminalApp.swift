import DRRender
import Foundation

/// The UI loop: sleeps in poll(2) on the terminal and the inbox (so a key, a resize, a signal or new data wakes
/// it at once, and otherwise it sleeps until the next one-second clock tick), drains events posted by
/// background work, reduces, and redraws when something changed. It never waits on the network.
public struct TerminalApp {
    private let inbox: EventInbox
    private let perform: (Reaction) -> Void
    private let clock: () -> Date

    /// Creates the loop; `perform` carries out reactions (poll now, write an export, switch the demo scenario).
    public init(inbox: EventInbox, clock: @escaping () -> Date = { Date() }, perform: @escaping (Reaction) -> Void) {
        self.inbox = inbox
        self.perform = perform
        self.clock = clock
    }

    /// Runs until quit or a termination signal; the terminal is restored on every way out.
    /// Returns the signal number that ended it, if one did.
    @discardableResult
    public func run(_ initial: AppState, color: Bool) -> Int32? {
        let terminal = Terminal()
        terminal.start(color: color)
        defer { terminal.stop() }
        var state = initial
        let size = terminal.size
        state.width = size.width
        state.height = size.height
        terminal.present(Renderer.render(state))
        var lastTick = clock()
        // Reliability tests only: DRTOP_TEST_FAIL_IN_FRAME=N stops the process with a runtime error in the middle
        // of frame N (after the grid is built, before it is shown), to prove the terminal is given back even then.
        let failInFrame = ProcessInfo.processInfo.environment["DRTOP_TEST_FAIL_IN_FRAME"].flatMap { Int($0) }
        var frames = 0
        while true {
            if let signal = terminal.pendingSignal { return signal }
            var events: [AppEvent] = []
            // Keys, resizes, signals and new data wake the wait at once; otherwise sleep until the next clock tick.
            let untilTick = Int32(max(1, min(1000, (1 - clock().timeIntervalSince(lastTick)) * 1000)))
            terminal.wait(timeoutMs: untilTick, wake: inbox.wakeDescriptor)
            var input = terminal.read(timeoutMs: 0)
            while let received = input {
                switch received {
                case .key(let key): events.append(.key(key))
                case .resize:
                    terminal.invalidate()
                    let size = terminal.size
                    events.append(.resize(width: size.width, height: size.height))
                }
                input = events.count < 64 ? terminal.read(timeoutMs: 0) : nil
            }
            events += inbox.drain()
            let now = clock()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                events.append(.tick(now))
            }
            var redraw = false
            for event in events {
                let (next, reaction) = Reducer.reduce(state, event)
                state = next
                redraw = redraw || reaction.redraw
                if reaction.quit { return nil }
                perform(reaction)
            }
            if redraw {
                let frame = Renderer.render(state)
                frames += 1
                if let failInFrame, frames >= failInFrame {
                    fatalError("DRTOP_TEST_FAIL_IN_FRAME: failing in frame \(frames), as asked")
                }
                terminal.present(frame)
            }
        }
    }
}
