import DRCore
import Foundation

/// Finds credentials the way the AWS SDKs do, in order: the environment (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), then the shared `credentials` and `config` files
/// (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, `AWS_PROFILE`, `[profile NAME]` in config).
/// A missing or broken chain is one message naming everything that was tried. Files are only read.
public struct CredentialChain: Sendable {
    /// The environment to read.
    public var environment: [String: String]
    /// The profile asked for on the command line or in the configuration, which wins over AWS_PROFILE.
    public var profile: String?

    public init(environment: [String: String], profile: String? = nil) {
        self.environment = environment
        self.profile = profile
    }

    /// The profile in use.
    public var profileName: String {
        profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
    }

    private var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// The shared credentials file path.
    public var credentialsPath: String {
        environment["AWS_SHARED_CREDENTIALS_FILE"].map(expand) ?? "\(home)/.aws/credentials"
    }

    /// The shared config file path.
    public var configPath: String { environment["AWS_CONFIG_FILE"].map(expand) ?? "\(home)/.aws/config" }

    private func expand(_ path: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    /// Reads an INI file, nil when it does not exist.
    private func read(_ path: String) throws -> INIFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SourceProblem(.other, "\(path): cannot be read as UTF-8 text")
        }
        return try INIFile(text, path: path)
    }

    /// The keys of the profile in the config file ("[profile NAME]", or "[default]").
    public func configProfile() throws -> [String: String]? {
        let name = profileName
        let file = try read(configPath)
        return file?.sections[name == "default" ? "default" : "profile \(name)"] ?? file?.sections[name]
    }

    /// The region the profile or the environment names, if any.
    public func region() throws -> String? {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] { return region }
        return try configProfile()?["region"]
    }

    /// Resolves credentials or throws one message naming what was tried.
    public func resolve() throws -> AWSCredentials {
        var tried: [String] = []
        if profile == nil, let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"],
           !id.isEmpty, !secret.isEmpty {
            return AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                  sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
                                  source: "environment")
        }
        tried.append(profile == nil ? "environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY not set)"
                     : "environment (skipped: profile \(profileName) asked for)")
        let name = profileName
        if let keys = try read(credentialsPath)?.sections[name], let found = Self.keys(keys, source: "profile \(name) (\(credentialsPath))") {
            return found
        }
        tried.append("\(credentialsPath) [\(name)]")
        if let keys = try configProfile() {
            if let found = Self.keys(keys, source: "profile \(name) (\(configPath))") { return found }
            for unsupported in ["credential_process", "role_arn", "sso_session", "sso_start_url"] where keys[unsupported] != nil {
                throw SourceProblem(.accessDenied, "profile \(name) uses \(unsupported), which this drtop cannot use yet;"
                                    + " export credentials to the environment (aws configure export-credentials)")
            }
        }
        tried.append("\(configPath) [\(name == "default" ? "default" : "profile \(name)")]")
        throw SourceProblem(.accessDenied, "no AWS credentials found; tried " + tried.joined(separator: ", "))
    }

    private static func keys(_ keys: [String: String], source: String) -> AWSCredentials? {
        guard let id = keys["aws_access_key_id"], let secret = keys["aws_secret_access_key"], !id.isEmpty,
              !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: keys["aws_session_token"],
                              source: source)
    }
}
