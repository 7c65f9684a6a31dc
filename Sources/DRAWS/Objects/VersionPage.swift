import DRCore
import DRWire
import Foundation

/// One page of a ListObjectVersions answer (ListVersionsResult): its versions and delete markers in the
/// answer's order, whether more follow, and the markers of the next page. With `EncodingType` url the keys and
/// markers are URL-encoded ('+' for a space, as S3 writes them) and are decoded here, for every reader.
struct VersionPage: Sendable {
    /// A version or a delete marker of one key.
    struct Entry: Sendable, Equatable {
        var key: String
        var versionID: String
        var isDeleteMarker: Bool
        var lastModified: Date
        var size: Int64
    }

    /// Versions and delete markers, in the answer's order (key order, each key's newest first).
    var entries: [Entry]
    var isTruncated: Bool
    var nextKeyMarker: String?
    var nextVersionMarker: String?

    /// The versions (delete markers left out), as the scan follows them.
    var versions: [VersionScanner.Listed] {
        entries.filter { !$0.isDeleteMarker }.map {
            VersionScanner.Listed(key: $0.key, versionID: $0.versionID, size: $0.size, lastModified: $0.lastModified)
        }
    }

    /// Versions and delete markers on the page.
    var listed: Int { entries.count }

    init(_ xml: XMLNode) throws {
        let encoded = xml.string("EncodingType")?.lowercased() == "url"
        func text(_ value: String?) -> String? {
            guard let value else { return nil }
            guard encoded else { return value }
            return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
        }
        entries = xml.children.compactMap { node in
            guard node.name == "Version" || node.name == "DeleteMarker", let key = text(node.string("Key")),
                  let id = node.string("VersionId"),
                  let modified = node.string("LastModified").flatMap(ISO8601.parse) else { return nil }
            return Entry(key: key, versionID: id, isDeleteMarker: node.name == "DeleteMarker", lastModified: modified,
                         size: Int64(node.string("Size") ?? "") ?? 0)
        }
        isTruncated = xml.string("IsTruncated") == "true"
        nextKeyMarker = text(xml.string("NextKeyMarker")).flatMap { $0.isEmpty ? nil : $0 }
        nextVersionMarker = xml.string("NextVersionIdMarker").flatMap { $0.isEmpty ? nil : $0 }
        if isTruncated, nextKeyMarker == nil {
            throw SourceProblem(.badResponse, "ListObjectVersions: truncated answer without NextKeyMarker")
        }
    }
}
