import DRCore
import Foundation

/// Credentials served over HTTP: the container endpoint (ECS, EKS Pod Identity) and EC2 instance metadata (IMDSv2).
enum CredentialEndpoints {
    /// Container credentials, when `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `_FULL_URI` is set.
    static func container(_ environment: [String: String], transport: HTTPTransport) async throws -> AWSCredentials? {
        let url: URL?
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            url = URL(string: "http://169.254.170.2\(relative)")
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty {
            url = URL(string: full)
        } else {
            return nil
        }
        guard let url, url.scheme == "https" || url.scheme == "http" else {
            throw SourceProblem(.accessDenied, "container credentials: the URI is not an http(s) URL")
        }
        var headers: [(String, String)] = []
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"],
           let token = try? String(contentsOfFile: file, encoding: .utf8) {
            headers.append(("Authorization", token.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"] {
            headers.append(("Authorization", token))
        }
        let response = try await transport.send(method: "GET", url: url, headers: headers, body: Data())
        guard response.status == 200 else {
            throw SourceProblem(.accessDenied, "container credentials: HTTP \(response.status) from \(url.host ?? "endpoint")")
        }
        return try document(response.body, source: "container credentials")
    }

    /// EC2 instance metadata credentials with an IMDSv2 session token. `AWS_EC2_METADATA_SERVICE_ENDPOINT`
    /// changes where it is asked.
    static func instanceMetadata(_ environment: [String: String], transport: HTTPTransport) async throws
        -> AWSCredentials? {
        var base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? "http://169.254.169.254"
        while base.hasSuffix("/") { base.removeLast() }
        guard let tokenURL = URL(string: "\(base)/latest/api/token"),
              let listURL = URL(string: "\(base)/latest/meta-data/iam/security-credentials/") else { return nil }
        let quick = HTTPTransport(connectTimeout: 1, requestTimeout: 2)
        guard let tokenResponse = try? await quick.send(
            method: "PUT", url: tokenURL, headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], body: Data()),
              tokenResponse.status == 200 else { return nil }
        let token = String(decoding: tokenResponse.body, as: UTF8.self)
        let auth = [("X-aws-ec2-metadata-token", token)]
        let list = try await quick.send(method: "GET", url: listURL, headers: auth, body: Data())
        guard list.status == 200, let role = String(decoding: list.body, as: UTF8.self)
            .split(separator: "\n").first.map(String.init), let roleURL = URL(string: listURL.absoluteString + role)
        else {
            throw SourceProblem(.accessDenied, "instance metadata: no IAM role attached to this instance")
        }
        let answer = try await quick.send(method: "GET", url: roleURL, headers: auth, body: Data())
        guard answer.status == 200 else {
            throw SourceProblem(.accessDenied, "instance metadata: HTTP \(answer.status) for role \(role)")
        }
        return try document(answer.body, source: "instance metadata (role \(role))")
    }

    /// Reads `{AccessKeyId, SecretAccessKey, Token, Expiration}`.
    private static func document(_ body: Data, source: String) throws -> AWSCredentials {
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let id = json["AccessKeyId"] as? String, let secret = json["SecretAccessKey"] as? String else {
            throw SourceProblem(.badResponse, "\(source): answer is not a credentials document")
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: json["Token"] as? String,
                              expiration: (json["Expiration"] as? String).flatMap(ISO8601.parse), source: source)
    }
}
