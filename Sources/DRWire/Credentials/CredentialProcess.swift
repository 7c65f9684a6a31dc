import DRCore
import Foundation

/// `credential_process`: runs the profile's command and reads the credentials it prints (Version 1 JSON).
/// This is how SSO users hand drtop their credentials (`aws configure export-credentials --format process`).
enum CredentialProcess {
    static func run(_ command: String, profile: String) throws -> AWSCredentials {
        let result: (status: Int32, output: String)
        do {
            result = try ChildProcess.run("/bin/sh", ["-c", command], capture: true, limit: 64 * 1024)
        } catch {
            throw SourceProblem(.accessDenied, "profile \(profile): credential_process could not start: \(error)")
        }
        guard result.status == 0 else {
            throw SourceProblem(.accessDenied, "profile \(profile): credential_process exited with status \(result.status)")
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
              let id = json["AccessKeyId"] as? String, let secret = json["SecretAccessKey"] as? String else {
            throw SourceProblem(.accessDenied, "profile \(profile): credential_process did not print AccessKeyId and SecretAccessKey as JSON")
        }
        if let version = json["Version"] as? Int, version != 1 {
            throw SourceProblem(.accessDenied, "profile \(profile): credential_process printed Version \(version); drtop reads Version 1")
        }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: json["SessionToken"] as? String,
                              expiration: (json["Expiration"] as? String).flatMap(ISO8601.parse),
                              source: "profile \(profile) (credential_process)")
    }
}
