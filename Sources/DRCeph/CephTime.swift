import DRWire
import Foundation

/// Times as radosgw's admin API writes them: "2026-12-02T02:19:13.821356Z", and "0.000000" for none.
enum CephTime {
    /// The time, or nil for Ceph's zero time or text that is not a time.
    static func parse(_ text: String?) -> Date? {
        guard let text, text.contains("T") else { return nil }
        return ISO8601.parse(text)
    }
}
