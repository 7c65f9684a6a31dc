import Foundation

/// One thing that sends users to one side of a pair, as read: an MRAP route, a Route 53 failover record, an ARC
/// routing control, or a Global Accelerator endpoint group.
public struct TrafficRoute: Sendable, Equatable {
    /// Which system the route belongs to.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// S3 Multi-Region Access Point route (`TrafficDialPercentage`).
        case mrap
        /// Route 53 failover record (PRIMARY / SECONDARY with a health check).
        case route53
        /// Route 53 ARC routing control (On / Off).
        case arc
        /// Global Accelerator endpoint group (`TrafficDialPercentage`, endpoint health).
        case accelerator

        /// The name shown on screen.
        public var label: String {
            switch self {
            case .mrap: "MRAP"
            case .route53: "Route 53"
            case .arc: "ARC"
            case .accelerator: "Global Accelerator"
            }
        }
    }

    /// The system.
    public var kind: Kind
    /// The pair region the route sends to, when drtop can tell (nil: the route names neither of the pair's regions).
    public var region: String?
    /// What the route is called there: the bucket (MRAP), the record's set identifier, the control's name, the
    /// endpoint group's region.
    public var name: String
    /// The state as the system says it: "100 %" / "0 %" (dials), "PRIMARY" / "SECONDARY", "On" / "Off".
    public var state: String
    /// The dial, 0–100, where the system has one (MRAP, Global Accelerator; ARC On = 100, Off = 0).
    public var dialPercent: Double?
    /// Whether the route's health check / endpoints are healthy; nil when there is none or it was not read.
    public var healthy: Bool?
    /// The health in the system's words, e.g. "HealthCheckStatus 1", "UNHEALTHY (Timeout)".
    public var healthDetail: String?
    /// Whether users are sent this way now, as drtop derives it from state and health (nil: cannot tell).
    public var carriesTraffic: Bool?
    /// The record's TTL in seconds (Route 53), when it has one.
    public var ttlSeconds: Double?
    /// Seconds a health check takes to declare failure: request interval × failure threshold (Route 53), health
    /// check interval × threshold count (a Global Accelerator endpoint group).
    public var detectionSeconds: Double?
    /// The health check's ID (Route 53), for the drill-down and the runbook.
    public var healthCheckID: String?
    /// The health check's type (Route 53: HTTPS, CALCULATED, RECOVERY_CONTROL, ...), when read.
    public var healthCheckType: String?
    /// Whether the record is an alias (Route 53: its TTL is the alias target's).
    public var isAlias = false
    /// Whether an alias record evaluates its target's health (`AliasTarget.EvaluateTargetHealth`).
    public var evaluatesTargetHealth = false
    /// The ARN of what the route is (the control's ARN, the endpoint group's ARN), for the runbook.
    public var arn: String?
    /// When the state was read.
    public var observedAt: Date

    /// Creates a route.
    public init(kind: Kind, region: String?, name: String, state: String, dialPercent: Double? = nil,
                healthy: Bool? = nil, healthDetail: String? = nil, carriesTraffic: Bool? = nil,
                ttlSeconds: Double? = nil, detectionSeconds: Double? = nil, healthCheckID: String? = nil,
                arn: String? = nil, observedAt: Date) {
        self.kind = kind
        self.region = region
        self.name = name
        self.state = state
        self.dialPercent = dialPercent
        self.healthy = healthy
        self.healthDetail = healthDetail
        self.carriesTraffic = carriesTraffic
        self.ttlSeconds = ttlSeconds
        self.detectionSeconds = detectionSeconds
        self.healthCheckID = healthCheckID
        self.arn = arn
        self.observedAt = observedAt
    }
}
