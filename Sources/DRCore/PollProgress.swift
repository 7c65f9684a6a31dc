/// Progress of long work (discovery, first poll), drawn instead of a blank screen.
public struct PollProgress: Sendable, Equatable {
    /// What is being done, e.g. "discovering buckets".
    public var activity: String
    /// Items done.
    public var done: Int
    /// Items in all, when known.
    public var total: Int?

    /// Creates a progress line.
    public init(activity: String, done: Int, total: Int? = nil) {
        self.activity = activity
        self.done = done
        self.total = total
    }

    /// "discovering buckets 45/120".
    public var line: String {
        if let total { return "\(activity) \(done)/\(total)" }
        return done > 0 ? "\(activity) \(done)" : activity
    }
}
