import DRCore

/// What the shell must do after an event: the reducer never performs effects itself.
public struct Reaction: Sendable, Equatable {
    /// Whether the frame must be drawn again.
    public var redraw = false
    /// Whether drtop should exit.
    public var quit = false
    /// Whether to poll now.
    public var refresh = false
    /// Markdown to write to a file, and the suggested file name.
    public var export: (markdown: String, fileName: String)?
    /// Demo only: the scenario to switch to.
    public var scenario: String?
    /// An object to look up on both sides of a pair (read-only HEADs and one listing per side).
    public var lookup: (pair: String, primary: Bucket, secondary: Bucket, key: String, versionID: String?)?

    /// The lag history the drill-down's chart needs from the source (the pair on screen only).
    public var history: LagHistoryRequest?
    /// Whether the snapshot must be judged again, off the UI thread: the clock passed a boundary of its
    /// judgement (a state that does not judge on the clock itself, `AppState.judgesOnTheClock`).
    public var rejudge = false

    /// A reaction with nothing to do but maybe redraw.
    public init(redraw: Bool = false) {
        self.redraw = redraw
    }

    public static func == (lhs: Reaction, rhs: Reaction) -> Bool {
        lhs.redraw == rhs.redraw && lhs.quit == rhs.quit && lhs.refresh == rhs.refresh
            && lhs.export?.markdown == rhs.export?.markdown && lhs.export?.fileName == rhs.export?.fileName
            && lhs.scenario == rhs.scenario && lhs.lookup?.pair == rhs.lookup?.pair && lhs.lookup?.key == rhs.lookup?.key
            && lhs.lookup?.versionID == rhs.lookup?.versionID && lhs.history == rhs.history
            && lhs.rejudge == rhs.rejudge
    }
}
