/// One S3 replication rule, with the parts of its configuration that matter for disaster recovery.
public struct ReplicationRule: Sendable, Equatable, Hashable {
    /// The rule's ID.
    public var id: String
    /// Priority; higher wins when filters overlap.
    public var priority: Int?
    /// Whether the rule is enabled.
    public var enabled: Bool
    /// Key prefix filter ("" = whole bucket).
    public var prefix: String
    /// Tag filters as `key=value`.
    public var tags: [String]
    /// Whether delete markers are replicated.
    public var deleteMarkerReplication: Bool
    /// Whether changes made to replicas (metadata, tags, ACLs) flow back (replica modification sync).
    public var replicaModifications: Bool
    /// Whether objects that existed before the rule are replicated.
    public var existingObjectReplication: Bool
    /// Replication Time Control (the 15-minute SLA).
    public var replicationTimeControl: Bool
    /// Whether replication metrics are enabled (needed for CloudWatch lag and backlog).
    public var metrics: Bool
    /// Destination bucket name (not the ARN).
    public var destinationBucket: String
    /// Destination account, when replicating across accounts.
    public var destinationAccount: String?
    /// Storage class of replicas ("STANDARD" when not set).
    public var storageClass: String
    /// KMS key used for replicas, if SSE-KMS objects are replicated.
    public var kmsKeyID: String?
    /// Whether objects encrypted with SSE-KMS are replicated (SourceSelectionCriteria SseKmsEncryptedObjects).
    public var sseKmsEncryptedObjects: Bool

    /// Creates a rule; defaults are those of a plain whole-bucket rule.
    public init(
        id: String, priority: Int? = nil, enabled: Bool = true, prefix: String = "", tags: [String] = [],
        deleteMarkerReplication: Bool = false, replicaModifications: Bool = false,
        existingObjectReplication: Bool = false, replicationTimeControl: Bool = false, metrics: Bool = false,
        destinationBucket: String, destinationAccount: String? = nil, storageClass: String = "STANDARD",
        kmsKeyID: String? = nil, sseKmsEncryptedObjects: Bool = false
    ) {
        self.id = id
        self.priority = priority
        self.enabled = enabled
        self.prefix = prefix
        self.tags = tags
        self.deleteMarkerReplication = deleteMarkerReplication
        self.replicaModifications = replicaModifications
        self.existingObjectReplication = existingObjectReplication
        self.replicationTimeControl = replicationTimeControl
        self.metrics = metrics
        self.destinationBucket = destinationBucket
        self.destinationAccount = destinationAccount
        self.storageClass = storageClass
        self.kmsKeyID = kmsKeyID
        self.sseKmsEncryptedObjects = sseKmsEncryptedObjects
    }

    /// A one-line description of the filter: "whole bucket", "prefix logs/", "tag env=prod".
    public var filterDescription: String {
        var parts: [String] = []
        if !prefix.isEmpty { parts.append("prefix \(prefix)") }
        parts += tags.map { "tag \($0)" }
        return parts.isEmpty ? "whole bucket" : parts.joined(separator: " & ")
    }
}
