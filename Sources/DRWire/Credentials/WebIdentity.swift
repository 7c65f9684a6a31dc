import DRCore
import Foundation

/// STS AssumeRoleWithWebIdentity (EKS IRSA and other OIDC federations): the token file's contents are traded
/// for temporary credentials of the role. The call is unsigned, as in AWS (the token is the proof); the token
/// file is read again at each call, since the platform rotates it.
enum WebIdentity {
    /// Assumes `role` with the token in `tokenFile`. `origin` names the setting in messages and in the
    /// credentials' source ("web identity", "profile eks").
    static func call(tokenFile: String, role: String, sessionName: String?, region: String,
                     endpoints: AWSEndpoints, transport: HTTPTransport, origin: String) async throws
        -> AWSCredentials {
        let token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw SourceProblem(.accessDenied, "\(origin): cannot read the web identity token file \(tokenFile)")
        }
        guard !token.isEmpty else {
            throw SourceProblem(.accessDenied, "\(origin): the web identity token file \(tokenFile) is empty")
        }
        let what = "\(origin): AssumeRoleWithWebIdentity \(role)"
        let base: String
        do {
            base = try endpoints.resolve(.sts, region: region)
        } catch let problem as SourceProblem {
            throw SourceProblem(.accessDenied, "\(origin): \(problem.message)")
        }
        guard let url = URL(string: base + "/") else { throw SourceProblem(.other, "\(what): bad endpoint \(base)") }
        let form = URIEncoding.form([
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", role),
            ("RoleSessionName", sessionName ?? "drtop-\(Int(Date().timeIntervalSince1970))"),
            ("WebIdentityToken", token),
        ])
        let headers = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                       ("User-Agent", DrtopInfo.userAgent)]
        let response: HTTPResponse
        do {
            response = try await transport.send(method: "POST", url: url, headers: headers, body: Data(form.utf8))
        } catch let problem as SourceProblem {
            throw SourceProblem(problem.kind, "\(what): \(problem.message)")
        }
        guard (200..<300).contains(response.status) else {
            let problem = AWSErrorMapping.problem(api: "AssumeRoleWithWebIdentity", what: what, response: response)
            throw SourceProblem(problem.kind == .other ? .accessDenied : problem.kind, problem.message)
        }
        let xml = try XMLNode.parse(response.body, what: what)
        guard let result = xml.child("AssumeRoleWithWebIdentityResult"), let credentials = result.child("Credentials"),
              let id = credentials.string("AccessKeyId"), let secret = credentials.string("SecretAccessKey") else {
            throw SourceProblem(.badResponse, "\(what): answered without credentials")
        }
        let assumed = result.at("AssumedRoleUser", "Arn")?.text ?? role
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: credentials.string("SessionToken"),
                              expiration: credentials.string("Expiration").flatMap(ISO8601.parse),
                              source: "\(origin) (web identity, assumed \(assumed))")
    }
}
