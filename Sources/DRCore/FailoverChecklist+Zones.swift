import Foundation

extension FailoverChecklist {
    /// The items of a Ceph zone pair (or one of its buckets): Ceph multisite syncs every bucket both ways with
    /// deletes and versions, so rules, versioning and CloudWatch's backlog and failure counts do not apply; what
    /// decides is the target zone answering, its metadata and data sync against the source, its sync errors, its
    /// period, and who the metadata master is — the items the source judged for the target zone
    /// (`RegionStatus.checks`), with the data sync lag and the status's age from the snapshot; then the traffic
    /// and recovery items.
    func zoneItems(_ facts: CheckFacts) -> [CheckDefinition] {
        let target = facts.target?.checks ?? []
        let metadata = target.filter { $0.id == "metadata-sync" }.map(CheckDefinition.init(given:))
        let rest = target.filter { $0.id != "metadata-sync" }.map(CheckDefinition.init(given:))
        return [Self.targetReachable] + metadata + [Self.dataSync] + rest + [Self.syncFresh] + RecoveryChecks.items
    }

    /// The data given up, as Ceph's sync status says it.
    static let dataSync = CheckDefinition(
        id: dataLoss.id, title: "Data sync within RPO", result: dataLoss.result,
        evidence: { pair, facts, result in
            var evidence = dataLoss.evidence(pair, facts, result)
            if result != .unknown, let why = pair.fromPrimary.metricsProblem?.message {
                evidence += "; " + why
            } else if result == .pass {
                evidence += " (Ceph sync status: caught up)"
            }
            return evidence
        })

    /// The age of the sync status.
    static let syncFresh = metricsFresh.titled("Sync status fresh")
}
