import DRWire
import Foundation
import Testing

/// An S3 PUT with a body carries its SHA-256 as `x-amz-checksum-sha256`, signed; other requests carry none.
@Suite struct SigV4ChecksumTests {
    let signer = SigV4(credentials: AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", source: "test"),
                       region: "us-east-1", service: "s3")

    func header(_ request: SigV4.Request, _ name: String) -> String? {
        request.headers.first { $0.0.lowercased() == name }?.1
    }

    @Test func putWithBodyCarriesItsSignedChecksum() {
        let body = Data("drtop canary\n".utf8)
        var request = SigV4.Request(method: "PUT", path: "/b/drtop-canary/us-east-1/1", headers: [("Host", "h")],
                                    body: body)
        signer.sign(&request, at: Date(timeIntervalSince1970: 1_800_000_000))
        let hex = Array(SigV4.sha256Hex(body))
        let digest = Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! })
        #expect(header(request, "x-amz-checksum-sha256") == digest.base64EncodedString())
        #expect(header(request, "x-amz-sdk-checksum-algorithm") == "SHA256")
        let signed = header(request, "authorization")?.components(separatedBy: "SignedHeaders=").last ?? ""
        #expect(signed.hasPrefix("host;x-amz-checksum-sha256;x-amz-content-sha256;x-amz-date;x-amz-sdk-checksum-algorithm,"))
    }

    @Test func noChecksumWhereNoneBelongs() {
        for (method, body) in [("GET", Data()), ("HEAD", Data()), ("PUT", Data()), ("DELETE", Data())] {
            var request = SigV4.Request(method: method, path: "/b/k", headers: [("Host", "h")], body: body)
            signer.sign(&request, at: Date())
            #expect(header(request, "x-amz-checksum-sha256") == nil, "\(method)")
        }
        var md5 = SigV4.Request(method: "PUT", path: "/b/k", headers: [("Host", "h"), ("Content-MD5", "x")],
                                body: Data("a".utf8))
        signer.sign(&md5, at: Date())
        #expect(header(md5, "x-amz-checksum-sha256") == nil, "a caller's own checksum is kept")
        var query = SigV4.Request(method: "PUT", path: "/", headers: [("Host", "h")], body: Data("a".utf8))
        SigV4(credentials: signer.credentials, region: "us-east-1", service: "monitoring").sign(&query, at: Date())
        #expect(header(query, "x-amz-checksum-sha256") == nil, "S3 only")
    }
}
