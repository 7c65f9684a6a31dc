/// A bucket of a Ceph realm as its metadata names it: realm-wide, the same name and instance in every zone.
public struct CephBucket: Sendable, Equatable {
    /// The bucket's name.
    public var name: String
    /// The bucket instance's ID (`bucket_id` of its entrypoint metadata).
    public var instanceID: String

    /// Creates a bucket.
    public init(name: String, instanceID: String) {
        self.name = name
        self.instanceID = instanceID
    }

    /// "name:instance", as the admin API's bucket-index routes take it.
    public var key: String { "\(name):\(instanceID)" }
}
