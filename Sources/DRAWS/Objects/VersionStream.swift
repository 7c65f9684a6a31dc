import DRCore
import DRWire
import Foundation

/// One bucket's versions and delete markers in key order (each key's newest first), page by page
/// (ListObjectVersions, 1,000 a page, `encoding-type=url`), handed out a key at a time: what `BucketDiff`
/// walks on each side. Stops after `limit` entries (the caller says the comparison is partial).
struct VersionStream {
    /// A version or a delete marker of one key.
    typealias Entry = VersionPage.Entry

    let client: AWSClient
    let bucket: Bucket
    let prefix: String
    let limit: Int
    private var buffer: [Entry] = []
    private var keyMarker: String?
    private var versionMarker: String?
    private(set) var finished = false
    /// Entries read so far.
    private(set) var read = 0
    /// True when the listing was cut at `limit`.
    private(set) var truncated = false

    init(client: AWSClient, bucket: Bucket, prefix: String, limit: Int) {
        self.client = client
        self.bucket = bucket
        self.prefix = prefix
        self.limit = limit
    }

    /// S3's key order: the UTF-8 bytes, compared one by one.
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// The key the next group belongs to, reading a page when the buffer is empty; nil at the end.
    mutating func peekKey() async throws -> String? {
        if buffer.isEmpty { try await fill() }
        return buffer.first?.key
    }

    /// Every entry of the next key (reading on while the key's versions continue on the next page).
    mutating func nextGroup() async throws -> [Entry] {
        guard let key = try await peekKey() else { return [] }
        var group: [Entry] = []
        while true {
            let run = buffer.prefix { $0.key == key }
            group += run
            buffer.removeFirst(run.count)
            if !buffer.isEmpty || finished { return group }
            try await fill()
            if buffer.first?.key != key { return group }
        }
    }

    private mutating func fill() async throws {
        guard !finished else { return }
        var query = [("versions", ""), ("max-keys", "\(min(1000, limit - read))"), ("encoding-type", "url")]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let keyMarker { query.append(("key-marker", keyMarker)) }
        if let versionMarker { query.append(("version-id-marker", versionMarker)) }
        let answer = try await client.s3(api: "ListObjectVersions", region: bucket.region, bucket: bucket.name,
                                         query: query, what: "ListObjectVersions \(bucket.name)")
        let xml = try XMLNode.parse(answer.body, what: "ListObjectVersions \(bucket.name)")
        let page = try VersionPage(xml)
        let entries = page.entries
        // In S3's order (UTF-8 bytes of the key), each key's entries in the answer's order (newest first), even
        // where a store lists a page's delete markers after its versions.
        let ordered = entries.enumerated().sorted { lhs, rhs in
            lhs.element.key == rhs.element.key ? lhs.offset < rhs.offset : Self.precedes(lhs.element.key, rhs.element.key)
        }
        buffer += ordered.map(\.element)
        read += entries.count
        if page.isTruncated, let next = page.nextKeyMarker {
            keyMarker = next
            versionMarker = page.nextVersionMarker
            // More follow, but the limit is reached: the listing is cut here, and says so.
            if read >= limit {
                truncated = true
                finished = true
            }
        } else {
            finished = true
        }
    }
}
