import Crypto
import Foundation
import Synchronization

/// AWS Signature Version 4 header signing (HMAC and SHA-256 from swift-crypto).
///
/// S3's rules apply when `service` is "s3": the payload hash is sent and signed as `x-amz-content-sha256`,
/// and the path is encoded once, never normalised. An S3 PUT with a body also carries, signed, the SHA-256 of
/// the body as `x-amz-checksum-sha256` (base64) with `x-amz-sdk-checksum-algorithm: SHA256`, as the SDKs send a
/// checksum by default: S3 verifies it, and refuses a PutObject without one (or Content-MD5) to a bucket whose
/// Object Lock has a default retention (400 InvalidRequest).
package struct SigV4: Sendable {
    /// A request to sign: the method, the unencoded path, query pairs, headers and body.
    package struct Request: Sendable {
        package var method: String
        /// The path as the resource names it, not yet percent-encoded ("/bucket/a b.txt").
        package var path: String
        package var query: [(String, String)]
        package var headers: [(String, String)]
        package var body: Data

        package init(method: String, path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
                    body: Data = Data()) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The path as sent on the wire: each segment percent-encoded, "/" kept.
        package var encodedPath: String { URIEncoding.encode(path.isEmpty ? "/" : path, keepSlash: true) }

        /// The query string as sent on the wire.
        package var encodedQuery: String { URIEncoding.form(query) }
    }

    package let credentials: AWSCredentials
    package let region: String
    package let service: String
    /// Whether the canonical request encodes the (already encoded) path once more, as SigV4 asks of every service
    /// but S3: an ARN in a REST path (`/resources/arn%3Aaws%3As3%3A%3A%3Abucket`) is signed as `arn%253Aaws…`.
    package let encodesPathTwice: Bool

    /// Creates a signer; `encodesPathTwice` for REST requests of services other than S3.
    package init(credentials: AWSCredentials, region: String, service: String, encodesPathTwice: Bool = false) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.encodesPathTwice = encodesPathTwice
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    package static func amzDate(_ date: Date) -> String {
        String(decoding: ISO8601.format(date).utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ":") },
               as: UTF8.self)
    }

    /// Lower-case hex of `bytes`.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex SHA-256 of `data`.
    package static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Adds `X-Amz-Date`, the session token, S3's `x-amz-content-sha256` (and for an S3 PUT with a body its
    /// `x-amz-checksum-sha256`), and `Authorization` to `request`.
    package func sign(_ request: inout Request, at date: Date) {
        let stamp = Self.amzDate(date)
        request.headers.removeAll { ["authorization", "x-amz-date"].contains($0.0.lowercased()) }
        request.headers.append(("X-Amz-Date", stamp))
        if let token = credentials.sessionToken, !request.headers.contains(where: {
            $0.0.lowercased() == "x-amz-security-token"
        }) {
            request.headers.append(("X-Amz-Security-Token", token))
        }
        if service == "s3", !request.headers.contains(where: { $0.0.lowercased() == "x-amz-content-sha256" }) {
            request.headers.append(("x-amz-content-sha256", Self.sha256Hex(request.body)))
        }
        if service == "s3", request.method == "PUT", !request.body.isEmpty, !request.headers.contains(where: {
            let name = $0.0.lowercased()
            return name.hasPrefix("x-amz-checksum-") || name == "content-md5"
        }) {
            request.headers.append(("x-amz-sdk-checksum-algorithm", "SHA256"))
            request.headers.append(("x-amz-checksum-sha256", Data(SHA256.hash(data: request.body)).base64EncodedString()))
        }
        request.headers.append(("Authorization", authorization(request, stamp: stamp)))
    }

    /// The canonical request of task 1.
    package func canonicalRequest(_ request: Request) -> String {
        canonicalRequest(request, headers: canonicalHeaders(request))
    }

    /// The canonical request with its canonical headers already made (they are signed too).
    private func canonicalRequest(_ request: Request, headers: [(String, String)]) -> String {
        let encoded: [(key: String, value: String)] = request.query.map {
            (URIEncoding.encode($0.0), URIEncoding.encode($0.1))
        }
        let sorted = encoded.sorted { $0.key != $1.key ? $0.key < $1.key : $0.value < $1.value }
        let query = sorted.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        let headerBlock = headers.map { "\($0.0):\($0.1)\n" }.joined()
        let signed = headers.map(\.0).joined(separator: ";")
        let payload = request.headers.first { $0.0.lowercased() == "x-amz-content-sha256" }?.1
            ?? Self.sha256Hex(request.body)
        let path = encodesPathTwice ? URIEncoding.encode(request.encodedPath, keepSlash: true) : request.encodedPath
        let parts: [String] = [request.method, path, query, headerBlock, signed, payload]
        return parts.joined(separator: "\n")
    }

    /// The string to sign of task 2.
    package func stringToSign(_ request: Request, stamp: String) -> String {
        stringToSign(request, stamp: stamp, headers: canonicalHeaders(request))
    }

    private func stringToSign(_ request: Request, stamp: String, headers: [(String, String)]) -> String {
        let scope = "\(stamp.prefix(8))/\(region)/\(service)/aws4_request"
        let hash = Self.sha256Hex(Data(canonicalRequest(request, headers: headers).utf8))
        return "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(hash)"
    }

    /// The Authorization header value of task 4.
    package func authorization(_ request: Request, stamp: String) -> String {
        let day = String(stamp.prefix(8))
        let headers = canonicalHeaders(request)
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data(stringToSign(request, stamp: stamp, headers: headers).utf8), using: signingKey(day: day))
        let signatureHex = Self.hex(signature)
        let signed = headers.map(\.0).joined(separator: ";")
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(day)/\(region)/\(service)/aws4_request, "
            + "SignedHeaders=\(signed), Signature=\(signatureHex)"
    }

    /// What a signing key is derived from (task 3): it changes with the day, the secret, the region, the service.
    private struct KeyScope: Hashable {
        let secret: String
        let day: String
        let region: String
        let service: String
    }

    /// Signing keys derived already: four HMACs a request saved; a handful of scopes live at once.
    private static let keys = Mutex<[KeyScope: Data]>([:])

    /// The signing key of task 3 for `day` (yyyyMMdd).
    private func signingKey(day: String) -> SymmetricKey {
        let scope = KeyScope(secret: credentials.secretAccessKey, day: day, region: region, service: service)
        if let known = Self.keys.withLock({ $0[scope] }) { return SymmetricKey(data: known) }
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let bytes = key.withUnsafeBytes { Data($0) }
        Self.keys.withLock { keys in
            if keys.count >= 64 { keys.removeAll() }  // old days and refreshed secrets
            keys[scope] = bytes
        }
        return key
    }

    /// Lower-cased, sorted, trimmed headers with repeated names joined by commas. Authorization and User-Agent
    /// are not signed (proxies may rewrite the User-Agent; the SDKs leave it out too).
    private func canonicalHeaders(_ request: Request) -> [(String, String)] {
        var merged: [String: [String]] = [:]
        for (name, value) in request.headers where !["authorization", "user-agent"].contains(name.lowercased()) {
            let trimmed = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                .joined(separator: " ")
            merged[name.lowercased(), default: []].append(trimmed)
        }
        return merged.keys.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
    }
}
