import DRCore
import Foundation

/// STS AssumeRole for profiles with `role_arn`, signed with the source profile's (or credential source's)
/// credentials.
enum AssumeRole {
    /// Assumes `role` with `source`; `via` says where `source` came from when it was not a source_profile.
    /// `origin` names what asked for the role in messages ("profile ops", "pair side assets-dr").
    static func call(role: String, externalID: String?, sessionName: String?, source: AWSCredentials, via: String?,
                     region: String, endpoints: AWSEndpoints, transport: HTTPTransport, origin: String) async throws
        -> AWSCredentials {
        let client = AWSClient(transport: transport, endpoints: endpoints, credentials: { source })
        var parameters: [(String, String)] = [
            ("RoleArn", role), ("RoleSessionName", sessionName ?? "drtop-\(Int(Date().timeIntervalSince1970))"),
            ("DurationSeconds", "3600"),
        ]
        if let externalID { parameters.append(("ExternalId", externalID)) }
        let xml: XMLNode
        do {
            let base = try endpoints.resolve(.sts, region: region)
            xml = try await client.query(service: "sts", version: "2011-06-15", base: base,
                                         action: "AssumeRole", region: region, parameters: parameters,
                                         what: "AssumeRole \(role)")
        } catch let problem as SourceProblem {
            throw SourceProblem(.accessDenied, "\(origin): \(problem.message)")
        }
        guard let credentials = xml.at("AssumeRoleResult", "Credentials"),
              let id = credentials.string("AccessKeyId"), let secret = credentials.string("SecretAccessKey") else {
            throw SourceProblem(.badResponse, "\(origin): AssumeRole answered without credentials")
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: credentials.string("SessionToken"),
                              expiration: credentials.string("Expiration").flatMap(ISO8601.parse),
                              source: "\(origin) (assumed \(role)\(via.map { ", \($0)" } ?? ""))")
    }
}
