import Foundation

/// The answer to "is this object replicated?" for one key of a pair: both sides' copy of the version (HEAD:
/// replication status, size, ETag, last modified), how many versions each side holds, and the verdict.
public struct ObjectReport: Sendable, Equatable {
    /// One side's copy of the version asked about.
    public struct Copy: Sendable, Equatable {
        public var versionID: String?
        /// `x-amz-replication-status`; nil when S3 gives none (no rule applies, or the store does not say).
        public var status: ObjectStatus?
        public var size: Int64?
        public var etag: String?
        public var lastModified: Date?

        /// Creates a copy.
        public init(versionID: String?, status: ObjectStatus?, size: Int64?, etag: String?, lastModified: Date?) {
            self.versionID = versionID
            self.status = status
            self.size = size
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    /// One side: its bucket, its copy (nil: not there), its versions of the key, and what could not be read.
    public struct Side: Sendable, Equatable {
        public var bucket: Bucket
        public var copy: Copy?
        /// Versions of the key on this side (nil when not listed).
        public var versions: Int?
        /// Delete markers of the key on this side.
        public var deleteMarkers: Int?
        public var problem: SourceProblem?

        /// Creates a side.
        public init(bucket: Bucket, copy: Copy? = nil, versions: Int? = nil, deleteMarkers: Int? = nil,
                    problem: SourceProblem? = nil) {
            self.bucket = bucket
            self.copy = copy
            self.versions = versions
            self.deleteMarkers = deleteMarkers
            self.problem = problem
        }
    }

    /// What the copies say, worst last.
    public enum Verdict: Sendable, Equatable {
        /// The source says COMPLETED and the destination holds the same version, size and ETag.
        case replicated
        /// PENDING at the source since the version was written.
        case pending(seconds: Double)
        /// FAILED at the source (S3's reason is only in its event notifications).
        case failed
        /// The source says COMPLETED (or nothing) but the destination does not hold the version, or holds
        /// another size or ETag.
        case mismatch(String)
        /// No replication status on either side: no rule applies to the key.
        case notReplicated
        /// Not found on either side, or not readable.
        case unknown(String)

        /// Exit status of `drtop object`: 0 replicated, 1 pending, 2 failed or missing, 3 unknown.
        public var exitCode: Int32 {
            switch self {
            case .replicated: return 0
            case .pending: return 1
            case .failed, .mismatch, .notReplicated: return 2
            case .unknown: return 3
            }
        }

        /// One line for a person.
        public var text: String {
            switch self {
            case .replicated: return "replicated"
            case .pending(let seconds): return "PENDING for \(Format.duration(seconds))"
            case .failed:
                return "FAILED (S3 gives the reason only in s3:Replication:OperationFailedReplication events)"
            case .mismatch(let why): return "not replicated: \(why)"
            case .notReplicated: return "not replicated: no replication status on either side (no rule applies)"
            case .unknown(let why): return "unknown: \(why)"
            }
        }
    }

    public var pair: String
    public var key: String
    public var takenAt: Date
    /// The side the version was written to (its status is PENDING, COMPLETED or FAILED), then the other.
    public var source: Side
    public var destination: Side
    public var verdict: Verdict

    /// Creates a report.
    public init(pair: String, key: String, takenAt: Date, source: Side, destination: Side, verdict: Verdict) {
        self.pair = pair
        self.key = key
        self.takenAt = takenAt
        self.source = source
        self.destination = destination
        self.verdict = verdict
    }

    /// Judges two sides' copies of one version. `source` is the side that holds the written version.
    public static func verdict(source: Side, destination: Side, now: Date) -> Verdict {
        guard let copy = source.copy else {
            return .unknown(source.problem?.message ?? destination.problem?.message ?? "no such key on either side")
        }
        switch copy.status {
        case .pending?:
            return .pending(seconds: copy.lastModified.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        case .failed?:
            return .failed
        case nil where destination.copy == nil:
            if let problem = destination.problem { return .unknown(problem.message) }
            return .notReplicated
        default:
            guard let replica = destination.copy else {
                if let problem = destination.problem { return .unknown(problem.message) }
                return .mismatch("\(destination.bucket.name) does not hold version \(copy.versionID ?? "null")")
            }
            if let size = copy.size, let other = replica.size, size != other {
                return .mismatch("sizes differ (\(Format.bytes(size)) vs \(Format.bytes(other)))")
            }
            if let etag = copy.etag, let other = replica.etag, etag != other {
                return .mismatch("ETags differ (\(etag) vs \(other))")
            }
            return .replicated
        }
    }

    /// The report for a person: the verdict, then both sides side by side.
    public func text() -> String {
        var lines = ["\(pair) \(key): \(verdict.text)"]
        let width = 40
        func row(_ label: String, _ value: (Side) -> String) {
            lines.append(label.padding(toLength: 15, withPad: " ", startingAt: 0)
                + value(source).padding(toLength: width, withPad: " ", startingAt: 0) + value(destination))
        }
        row("") { "\($0.bucket.name) (\($0.bucket.region))" }
        row("version") { $0.copy?.versionID ?? ($0.copy == nil ? "—" : "null") }
        row("status") { side in side.copy.map { $0.status?.rawValue ?? "none" } ?? "not there" }
        row("size") { side in side.copy?.size.map(Format.bytes) ?? "—" }
        row("etag") { side in side.copy?.etag ?? "—" }
        row("last modified") { side in
            side.copy?.lastModified.map { "\(Self.iso($0)) (\(Format.duration(max(0, takenAt.timeIntervalSince($0)))) ago)" } ?? "—"
        }
        row("versions") { side in
            guard let versions = side.versions else { return "—" }
            let markers = side.deleteMarkers ?? 0
            return "\(versions)" + (markers > 0 ? " + \(markers) delete marker\(markers == 1 ? "" : "s")" : "")
        }
        for side in [source, destination] {
            if let problem = side.problem { lines.append("\(side.bucket.name): \(problem.message)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `drtop.object/1` JSON document.
    public func json() -> JSONValue {
        func side(_ side: Side) -> JSONValue {
            .object([
                ("bucket", .string(side.bucket.name)), ("region", .string(side.bucket.region)),
                ("present", .bool(side.copy != nil)),
                ("version_id", .string(side.copy?.versionID)),
                ("replication_status", .string(side.copy?.status?.rawValue)),
                ("size", .number(side.copy?.size)), ("etag", .string(side.copy?.etag)),
                ("last_modified", .string(side.copy?.lastModified.map(Self.iso))),
                ("versions", .number(side.versions)), ("delete_markers", .number(side.deleteMarkers)),
                ("error", .string(side.problem?.message)),
            ])
        }
        let state: String
        switch verdict {
        case .replicated: state = "replicated"
        case .pending: state = "pending"
        case .failed: state = "failed"
        case .mismatch: state = "mismatch"
        case .notReplicated: state = "not-replicated"
        case .unknown: state = "unknown"
        }
        return .object([
            ("schema", .string("drtop.object/1")), ("taken_at", .string(Self.iso(takenAt))),
            ("pair", .string(pair)), ("key", .string(key)), ("verdict", .string(state)),
            ("verdict_text", .string(verdict.text)), ("source", side(source)), ("destination", side(destination)),
        ])
    }

    private static func iso(_ date: Date) -> String { SnapshotDocument.iso8601(date) }
}
