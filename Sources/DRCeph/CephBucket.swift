/// A bucket of a Ceph realm as its metadata names it: realm-wide, the same name and instance in every zone.
package struct CephBucket: Sendable, Equatable {
    /// The bucket's name.
    package var name: String
    /// The bucket instance's ID (`bucket_id` of its entrypoint metadata).
    package var instanceID: String

    /// Creates a bucket.
    package init(name: String, instanceID: String) {
        self.name = name
        self.instanceID = instanceID
    }

    /// "name:instance", as the admin API's bucket-index routes take it.
    package var key: String { "\(name):\(instanceID)" }
}
