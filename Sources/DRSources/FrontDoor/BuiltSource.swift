import DRCore

/// A source ready to poll, and what a command needs to know about it.
public struct BuiltSource: Sendable {
    /// The source to poll.
    public var source: any ReplicationSource
    /// The demo, when the source is the demo (its scenario can be switched live).
    public var demo: DemoSource?
    /// Seconds between polls.
    public var refreshSeconds: Double
    /// The thresholds judgement uses.
    public var thresholds: Thresholds
    /// The AWS profile in use, for reports.
    public var profile: String?
    /// The signed client of a real AWS source (nil for the demo and a Ceph realm alone), for the object-level
    /// commands.
    public var client: AWSClient?

    /// Collects the facts.
    public init(source: any ReplicationSource, demo: DemoSource? = nil, refreshSeconds: Double, thresholds: Thresholds,
                profile: String? = nil, client: AWSClient? = nil) {
        self.source = source
        self.demo = demo
        self.refreshSeconds = refreshSeconds
        self.thresholds = thresholds
        self.profile = profile
        self.client = client
    }
}
