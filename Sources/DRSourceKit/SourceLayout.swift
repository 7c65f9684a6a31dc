import DRCore

/// What a source watches, as it stands before a poll.
package struct SourceLayout: Sendable, Equatable {
    /// Demo or real APIs.
    package var kind: SourceKind
    /// The demo scenario, when there is one.
    package var scenario: String?
    /// The regions to poll, in display order.
    package var regions: [String]
    /// The pairs, in display order.
    package var pairs: [PairSpec]
    /// Progress of discovery still under way.
    package var progress: PollProgress?
    /// Which source reads each region, where it is not `kind` (`CompositeSource`: its zones `.ceph`).
    package var regionKinds: [String: SourceKind] = [:]

    /// Creates a layout.
    package init(
        kind: SourceKind, scenario: String? = nil, regions: [String], pairs: [PairSpec], progress: PollProgress? = nil
    ) {
        self.kind = kind
        self.scenario = scenario
        self.regions = regions
        self.pairs = pairs
        self.progress = progress
    }
}
