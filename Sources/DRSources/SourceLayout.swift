import DRCore

/// What a source watches, as it stands before a poll.
public struct SourceLayout: Sendable, Equatable {
    /// Demo or real APIs.
    public var kind: SourceKind
    /// The demo scenario, when there is one.
    public var scenario: String?
    /// The regions to poll, in display order.
    public var regions: [String]
    /// The pairs, in display order.
    public var pairs: [PairSpec]
    /// Progress of discovery still under way.
    public var progress: PollProgress?
    /// Which source reads each region, where it is not `kind` (`CompositeSource`: its zones `.ceph`).
    public var regionKinds: [String: SourceKind] = [:]

    /// Creates a layout.
    public init(
        kind: SourceKind, scenario: String? = nil, regions: [String], pairs: [PairSpec], progress: PollProgress? = nil
    ) {
        self.kind = kind
        self.scenario = scenario
        self.regions = regions
        self.pairs = pairs
        self.progress = progress
    }
}
