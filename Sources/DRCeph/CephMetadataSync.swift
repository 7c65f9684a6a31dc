import Foundation

/// How far a zone's metadata sync (buckets, users: kept by the master zone) trails the master, judged as
/// `radosgw-admin sync status` judges it (`get_md_sync_status` in Ceph's `src/rgw/rgw_admin.cc`): the zone's
/// metadata sync markers against the master's metadata log shards of the period being synced; behind when the
/// master is on a newer realm epoch, when a shard is in full sync, or when a shard's marker trails the master's
/// head with an entry after it.
package struct CephMetadataSync: Sendable, Equatable {
    /// The shard judgement (`CephSyncLag`, the same reading as data sync's).
    package var lag: CephSyncLag
    /// The realm epoch the zone syncs metadata for.
    package var realmEpoch: Int
    /// The master's current realm epoch.
    package var masterRealmEpoch: Int

    /// Creates a judgement.
    package init(lag: CephSyncLag, realmEpoch: Int, masterRealmEpoch: Int) {
        self.lag = lag
        self.realmEpoch = realmEpoch
        self.masterRealmEpoch = masterRealmEpoch
    }

    /// Ceph's "metadata is caught up with master".
    package var isCaughtUp: Bool { realmEpoch >= masterRealmEpoch && lag.isCaughtUp }

    /// Lag at `now` (0 when caught up; nil when it has no time: a newer period, full sync).
    package func lagSeconds(at now: Date) -> Double? {
        realmEpoch < masterRealmEpoch ? nil : lag.lagSeconds(at: now)
    }

    /// One line, saying where it came from.
    package var evidence: String {
        if realmEpoch < masterRealmEpoch {
            return "Ceph metadata sync status: master is on a newer period (realm epoch \(masterRealmEpoch), "
                + "this zone syncs \(realmEpoch))"
        }
        if isCaughtUp { return "Ceph metadata sync status: metadata is caught up with master (\(lag.totalShards) shards)" }
        return lag.evidence.replacingOccurrences(of: "Ceph sync status: data sync", with: "Ceph metadata sync status: metadata sync")
            .replacingOccurrences(of: "Ceph sync status: ", with: "Ceph metadata sync status: metadata ")
    }
}
