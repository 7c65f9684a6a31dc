/// What the demo simulates; switchable live so a team can rehearse a failover.
package enum DemoScenario: String, Sendable, CaseIterable, Equatable {
    /// Normal life: bursts, a standing backlog that drains and refills, occasional failures.
    case steady
    /// us-west-2 stops answering: nothing reaches it, its metrics vanish, the backlog to it grows.
    case regionOutage = "region-outage"
    /// A batch job floods the primary region: backlogs and lag climb past RPO.
    case backlogSurge = "backlog-surge"
    /// The replication role in us-east-1 loses s3:ReplicateObject on the destinations: every object fails.
    case permissionFailure = "permission-failure"

    /// One line for help and the header.
    package var summary: String {
        switch self {
        case .steady: return "normal operation"
        case .regionOutage: return "us-west-2 unreachable"
        case .backlogSurge: return "write surge in us-east-1"
        case .permissionFailure: return "replication role denied in us-east-1"
        }
    }
}
