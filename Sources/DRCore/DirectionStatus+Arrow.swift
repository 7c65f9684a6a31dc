extension DirectionStatus {
    /// The direction as people read it: "logs-use1 → logs-usw2"; where both buckets have one name (a Ceph
    /// bucket in every zone of its realm, an S3-compatible store's same-named buckets) the regions tell the
    /// sides apart: "photos zone-a → zone-b".
    public var arrow: String {
        source.name == destination.name
            ? "\(source.name) \(source.region) → \(destination.region)"
            : "\(source.name) → \(destination.name)"
    }
}
