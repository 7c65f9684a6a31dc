import DRCore
import DRDemo
import DRSourceKit
import DRWire

/// A source ready to poll, and what a command needs to know about it.
package struct BuiltSource: Sendable {
    /// The source to poll.
    package var source: any ReplicationSource
    /// The demo, when the source is the demo (its scenario can be switched live).
    package var demo: DemoSource?
    /// Seconds between polls.
    package var refreshSeconds: Double
    /// The thresholds judgement uses.
    package var thresholds: Thresholds
    /// The AWS profile in use, for reports.
    package var profile: String?
    /// The signed client of a real AWS source (nil for the demo and a Ceph realm alone), for the object-level
    /// commands.
    package var client: AWSClient?

    /// Collects the facts.
    package init(source: any ReplicationSource, demo: DemoSource? = nil, refreshSeconds: Double, thresholds: Thresholds,
                profile: String? = nil, client: AWSClient? = nil) {
        self.source = source
        self.demo = demo
        self.refreshSeconds = refreshSeconds
        self.thresholds = thresholds
        self.profile = profile
        self.client = client
    }
}
