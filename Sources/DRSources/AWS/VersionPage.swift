import DRCore
import Foundation

/// One page of a ListObjectVersions answer (ListVersionsResult): the versions (delete markers are counted but
/// not followed), whether more follow, and the markers of the next page. With `EncodingType` url the keys and
/// markers are URL-encoded ('+' for a space, as S3 writes them) and are decoded here.
struct VersionPage: Sendable {
    var versions: [VersionScanner.Listed]
    /// Versions and delete markers on the page.
    var listed: Int
    var isTruncated: Bool
    var nextKeyMarker: String?
    var nextVersionMarker: String?

    init(_ xml: XMLNode) throws {
        let encoded = xml.string("EncodingType")?.lowercased() == "url"
        func text(_ value: String?) -> String? {
            guard let value else { return nil }
            guard encoded else { return value }
            return value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
        }
        var versions: [VersionScanner.Listed] = []
        for version in xml.all("Version") {
            guard let key = text(version.string("Key")), let id = version.string("VersionId"),
                  let modified = version.string("LastModified").flatMap(ISO8601.parse) else { continue }
            versions.append(VersionScanner.Listed(key: key, versionID: id, size: Int64(version.string("Size") ?? "") ?? 0,
                                                  lastModified: modified))
        }
        self.versions = versions
        listed = xml.all("Version").count + xml.all("DeleteMarker").count
        isTruncated = xml.string("IsTruncated") == "true"
        nextKeyMarker = text(xml.string("NextKeyMarker")).flatMap { $0.isEmpty ? nil : $0 }
        nextVersionMarker = xml.string("NextVersionIdMarker").flatMap { $0.isEmpty ? nil : $0 }
        if isTruncated, nextKeyMarker == nil {
            throw SourceProblem(.badResponse, "ListObjectVersions: truncated answer without NextKeyMarker")
        }
    }
}
