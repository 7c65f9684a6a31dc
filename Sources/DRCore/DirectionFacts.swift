/// What the failover checklist reads of one direction's replication rules, derived in one pass when a pair is
/// judged, so that no item filters the rules again or copies the direction.
struct DirectionFacts: Sendable {
    /// The enabled rules; nil when the configuration is unknown.
    let enabledRules: Int?
    /// The disabled rules.
    let disabledRules: Int
    /// Whether an enabled rule replicates delete markers; nil when the rules are unknown.
    let deleteMarkers: Bool?
    /// Whether an enabled rule syncs replica modifications; nil when the rules are unknown.
    let replicaModifications: Bool?
    /// The enabled rules without Replication Time Control; nil when the rules are unknown.
    let withoutRTC: Int?

    /// The facts of `direction`.
    init(_ direction: borrowing DirectionStatus) {
        guard let rules = direction.rules else {
            enabledRules = nil
            disabledRules = 0
            deleteMarkers = nil
            replicaModifications = nil
            withoutRTC = nil
            return
        }
        var enabled = 0, disabled = 0, off = 0
        var markers = false, modifications = false
        for rule in rules {
            guard rule.enabled else {
                disabled += 1
                continue
            }
            enabled += 1
            markers = markers || rule.deleteMarkerReplication
            modifications = modifications || rule.replicaModifications
            if !rule.replicationTimeControl { off += 1 }
        }
        enabledRules = enabled
        disabledRules = disabled
        deleteMarkers = markers
        replicaModifications = modifications
        withoutRTC = off
    }

    /// True when the rules are known.
    var rulesKnown: Bool { enabledRules != nil }

    /// True when the configuration was read and at least one enabled rule replicates (`DirectionStatus.isReplicated`).
    var isReplicated: Bool { (enabledRules ?? 0) > 0 }
}
