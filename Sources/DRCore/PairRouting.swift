/// What routes users to a pair's two sides, as the configuration (or discovery) names it: each part optional.
public struct PairRouting: Sendable, Equatable {
    /// A Route 53 failover record name in a hosted zone (its PRIMARY and SECONDARY records).
    public struct Route53Name: Sendable, Equatable {
        /// The hosted zone's ID, e.g. "Z0123456789".
        public var zoneID: String
        /// The record name, fully qualified with its final dot, e.g. "assets.example.com.".
        public var name: String
        /// Creates a record name.
        public init(zoneID: String, name: String) {
            self.zoneID = zoneID
            self.name = name.hasSuffix(".") ? name : name + "."
        }
    }

    /// Route 53 Application Recovery Controller routing controls: the cluster and one control per region.
    public struct ARCControls: Sendable, Equatable {
        /// The cluster's ARN (its endpoints answer the routing control states).
        public var clusterARN: String
        /// Routing control ARN by the region whose traffic it gates.
        public var controls: [String: String]
        /// Creates ARC controls.
        public init(clusterARN: String, controls: [String: String]) {
            self.clusterARN = clusterARN
            self.controls = controls
        }
    }

    /// Route 53 failover records.
    public var route53: Route53Name?
    /// A Multi-Region Access Point's ARN.
    public var mrapARN: String?
    /// ARC routing controls.
    public var arc: ARCControls?
    /// A Global Accelerator's ARN.
    public var acceleratorARN: String?

    /// Creates routing; all parts optional.
    public init(route53: Route53Name? = nil, mrapARN: String? = nil, arc: ARCControls? = nil,
                acceleratorARN: String? = nil) {
        self.route53 = route53
        self.mrapARN = mrapARN
        self.arc = arc
        self.acceleratorARN = acceleratorARN
    }

    /// No routing configured: the pair's traffic is not watched.
    public static let none = PairRouting()

    /// The systems named, in `TrafficRoute.Kind`'s order (MRAP, Route 53, ARC, Global Accelerator).
    public var kinds: [TrafficRoute.Kind] {
        TrafficRoute.Kind.allCases.filter { kind in
            switch kind {
            case .mrap: mrapARN != nil
            case .route53: route53 != nil
            case .arc: arc != nil
            case .accelerator: acceleratorARN != nil
            }
        }
    }

    /// Whether nothing is configured.
    public var isEmpty: Bool { route53 == nil && mrapARN == nil && arc == nil && acceleratorARN == nil }
}
