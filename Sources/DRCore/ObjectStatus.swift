/// An object version's replication status, as `x-amz-replication-status` reports it.
public enum ObjectStatus: String, Sendable, Equatable, Codable {
    case pending = "PENDING"
    case completed = "COMPLETED"
    case failed = "FAILED"
    case replica = "REPLICA"
}
