@testable import DRWire
import Testing

/// A transport's idle handles: kept for their endpoint and given back for it only, the last put back first, and no
/// more than the limit in all, the one idle longest going first (S3 names a host for every bucket).
@Suite struct IdleHandlesTests {
    @Test func handlesGoBackToTheirOwnEndpoint() {
        var idle = IdleHandles<Int>(limit: 4)
        #expect(idle.keep(1, for: "https://a") == nil)
        #expect(idle.keep(2, for: "https://a") == nil)
        #expect(idle.keep(3, for: "https://b") == nil)
        #expect(idle.take("https://c") == nil)
        #expect(idle.take("https://a") == 2, "the one put back last")
        #expect(idle.take("https://a") == 1)
        #expect(idle.take("https://a") == nil)
        #expect(idle.take("https://b") == 3)
        #expect(idle.idle == 0)
    }

    @Test func pastTheLimitTheHandleIdleLongestGoes() {
        var idle = IdleHandles<Int>(limit: 3)
        var evicted: [Int] = []
        // A thousand buckets' hosts, one request each: never more than three handles kept.
        for bucket in 0..<1_000 {
            if let gone = idle.keep(bucket, for: "https://bucket-\(bucket).s3.us-east-1.amazonaws.com") {
                evicted.append(gone)
            }
            #expect(idle.idle <= 3)
        }
        #expect(evicted == Array(0..<997), "oldest first")
        #expect(Set(idle.all) == [997, 998, 999])
        // A busy endpoint keeps its handles while idle ones of others go.
        #expect(idle.keep(5_000, for: "https://monitoring") == 997)
        #expect(idle.keep(5_001, for: "https://monitoring") == 998)
        #expect(idle.take("https://monitoring") == 5_001)
    }
}
