import Foundation

extension FailoverChecklist {
    /// The items of a Ceph zone pair (or one of its buckets): Ceph multisite syncs every bucket both ways with
    /// deletes and versions, so rules, versioning and CloudWatch's backlog and failure counts do not apply; what
    /// decides is the target zone answering, its metadata and data sync against the source, its sync errors, its
    /// period, and who the metadata master is — the items the source judged for the target zone
    /// (`RegionStatus.checks`), with the data sync lag and the status's age from the snapshot.
    func zoneItems(_ pair: BucketPair, _ snapshot: Snapshot, _ health: DirectionHealth, _ now: Date) -> [CheckItem] {
        let target = snapshot.region(pair.secondaryRegion)?.checks ?? []
        var data = dataLoss(pair, health)
        data.title = "Data sync within RPO"
        if data.result != .unknown, let why = pair.fromPrimary.metricsProblem?.message {
            data.evidence += "; " + why
        } else if data.result == .pass {
            data.evidence += " (Ceph sync status: caught up)"
        }
        var fresh = metricsFresh(pair, now)
        fresh.title = "Sync status fresh"
        let metadata = target.filter { $0.id == "metadata-sync" }
        return [targetReachable(pair, snapshot, now)] + metadata + [data] + target.filter { $0.id != "metadata-sync" }
            + [fresh]
    }
}
