import DRWire
import Foundation
import Testing

/// AWS's published SigV4 suite (Tests/DRSourcesTests/Vectors/sigv4, Apache-2.0) and the S3 worked example.
@Suite struct SigV4Tests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Vectors/sigv4")
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
        .filter { !$0.contains(".") && $0 != "LICENSE" && $0 != "NOTICE" }.sorted() ?? []
    static let suiteCredentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", source: "test")

    /// Parses a `.req` file: request line, headers (continuation lines are further values), blank line, body.
    static func parse(_ text: String) -> SigV4.Request {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let target = String(requestLine[1...].dropLast().joined(separator: " "))
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [(String, String)] = []
        if pathAndQuery.count == 2 {
            for item in pathAndQuery[1].split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append((String(kv[0]), kv.count > 1 ? String(kv[1]) : ""))
            }
        }
        var headers: [(String, String)] = []
        while let line = lines.first, !line.isEmpty {
            lines.removeFirst()
            if line.first == " " || line.first == "\t", let last = headers.last {
                headers.append((last.0, line.trimmingCharacters(in: .whitespaces)))
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let body = lines.dropFirst().joined(separator: "\n")
        return SigV4.Request(method: String(requestLine[0]), path: String(pathAndQuery[0]), query: query,
                             headers: headers, body: Data(body.utf8))
    }

    @Test func suiteIsPresent() {
        #expect(Self.cases.count >= 20, "vectors missing in \(Self.folder.path)")
    }

    @Test(arguments: cases)
    func awsSuite(name: String) throws {
        let dir = Self.folder.appendingPathComponent(name)
        func file(_ ext: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
        }
        var request = Self.parse(try file("req"))
        let signer = SigV4(credentials: Self.suiteCredentials, region: "us-east-1", service: "service")
        let stamp = "20150830T123600Z"
        #expect(signer.canonicalRequest(request) == (try file("creq")))
        if name.hasPrefix("post-x-www-form-urlencoded") {
            // The suite's own erratum: its .creq signs Content-Length, but its .sts, .authz and .sreq were made
            // from the request without it. Check those against that request.
            request.headers.removeAll { $0.0 == "Content-Length" }
        }
        #expect(signer.stringToSign(request, stamp: stamp) == (try file("sts")))
        #expect(signer.authorization(request, stamp: stamp) == (try file("authz")))
    }

    @Test func s3WorkedExample() {
        // The S3 API reference's GET Object example.
        let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE",
                                         secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", source: "test")
        let signer = SigV4(credentials: credentials, region: "us-east-1", service: "s3")
        var request = SigV4.Request(method: "GET", path: "/test.txt",
                                    headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9")])
        signer.sign(&request, at: Date(timeIntervalSince1970: 1_369_353_600))
        let authorization = request.headers.first { $0.0 == "Authorization" }?.1 ?? ""
        #expect(authorization.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date"))
        #expect(authorization.hasSuffix("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
        #expect(request.headers.contains { $0.0 == "x-amz-content-sha256"
            && $0.1 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" })
    }

    @Test func s3KeysAreEncodedOnceWithSlashesKept() {
        let request = SigV4.Request(method: "HEAD", path: "/bucket/logs/a b+c/ü.txt")
        #expect(request.encodedPath == "/bucket/logs/a%20b%2Bc/%C3%BC.txt")
    }

    @Test func sessionTokenIsSignedAndSecretsStayOutOfDescriptions() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "SECRETSECRET", sessionToken: "TOKEN123",
                                         source: "test")
        var request = SigV4.Request(method: "GET", path: "/", headers: [("Host", "s3.us-west-2.amazonaws.com")])
        SigV4(credentials: credentials, region: "us-west-2", service: "s3").sign(&request, at: Date())
        let authorization = request.headers.first { $0.0 == "Authorization" }?.1 ?? ""
        #expect(authorization.contains("x-amz-security-token"))
        #expect(!authorization.contains("SECRETSECRET"))
        #expect(!"\(credentials)".contains("SECRETSECRET"))
        #expect(!"\(credentials)".contains("TOKEN123"))
    }
}
