import DRCore
import DRWire

/// One page of a ListBuckets answer: names with the region S3 says each bucket is in (`BucketRegion`, absent
/// from older answers and from most S3-compatible stores) and the token of the next page.
struct BucketListing: Sendable, Equatable {
    /// One bucket of the page.
    struct Entry: Sendable, Equatable {
        var name: String
        var region: String?
    }

    /// The buckets of the page, in the answer's order.
    var buckets: [Entry]
    /// `ContinuationToken`: more buckets follow when set.
    var continuationToken: String?

    /// Reads a ListAllMyBucketsResult.
    init(_ xml: XMLNode) {
        buckets = xml.child("Buckets")?.all("Bucket").compactMap { bucket in
            guard let name = bucket.string("Name"), !name.isEmpty else { return nil }
            return Entry(name: name, region: bucket.string("BucketRegion").flatMap { $0.isEmpty ? nil : $0 })
        } ?? []
        continuationToken = xml.string("ContinuationToken").flatMap { $0.isEmpty ? nil : $0 }
    }
}
