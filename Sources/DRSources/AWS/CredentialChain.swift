import DRCore
import Foundation

/// Finds credentials the way the AWS SDKs do, in order: the environment (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); the profile in the shared `credentials` and `config` files
/// (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, `AWS_PROFILE`, `[profile NAME]`) with static keys,
/// `credential_process`, or `role_arn` with `source_profile` (STS AssumeRole); container credentials
/// (`AWS_CONTAINER_CREDENTIALS_FULL_URI` / `_RELATIVE_URI`); and EC2 instance metadata (IMDSv2).
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
    private func read(_ path: String) throws -> INIFile? { try INIFile.read(path: path) }

    /// The keys of profile `name` in the config file ("[profile NAME]", or "[default]").
    public func configProfile(_ name: String? = nil) throws -> [String: String]? {
        let name = name ?? profileName
        let file = try read(configPath)
        return file?.sections[name == "default" ? "default" : "profile \(name)"] ?? file?.sections[name]
    }

    /// The region the environment or the profile names, if any.
    public func region() throws -> String? {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] { return region }
        return try configProfile()?["region"]
    }

    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, when both keys are set.
    private var environmentKeys: AWSCredentials? {
        guard let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"],
              !id.isEmpty, !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                              sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
                              source: "environment")
    }

    /// Resolves credentials, or throws one message naming what was tried.
    public func resolve(transport: HTTPTransport) async throws -> AWSCredentials {
        var tried: [String] = []
        if profile == nil, let found = environmentKeys { return found }
        tried.append(profile == nil ? "environment variables" : "environment (skipped: --profile given)")
        if let found = try await fromProfile(profileName, transport: transport, depth: 0) { return found }
        tried.append("profile \(profileName) in \(credentialsPath) and \(configPath)")
        if profile == nil {
            if let found = try await CredentialEndpoints.container(environment, transport: transport) { return found }
            tried.append("container credentials (AWS_CONTAINER_CREDENTIALS_*_URI not set)")
            if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" {
                if let found = try await CredentialEndpoints.instanceMetadata(environment, transport: transport) {
                    return found
                }
                tried.append("EC2 instance metadata (no answer)")
            }
        }
        throw SourceProblem(.accessDenied, "no AWS credentials found; tried " + tried.joined(separator: ", "))
    }

    /// Credentials of profile `name`: static keys, credential_process, or an assumed role.
    private func fromProfile(_ name: String, transport: HTTPTransport, depth: Int) async throws -> AWSCredentials? {
        guard depth < 5 else { throw SourceProblem(.other, "profile \(name): source_profile chain is too long") }
        let fromCredentials = try read(credentialsPath)?.sections[name]
        if let keys = fromCredentials, let found = Self.staticKeys(keys, source: "profile \(name) (\(credentialsPath))") {
            return found
        }
        guard let keys = try configProfile(name) else { return nil }
        if let role = keys["role_arn"] {
            let source: AWSCredentials
            if let sourceProfile = keys["source_profile"] {
                guard let found = try await fromProfile(sourceProfile, transport: transport, depth: depth + 1) else {
                    throw SourceProblem(.accessDenied, "profile \(name): source_profile \(sourceProfile) has no credentials")
                }
                source = found
            } else if keys["credential_source"] == "Environment", let found = environmentKeys {
                source = found
            } else {
                throw SourceProblem(.accessDenied, "profile \(name): role_arn needs source_profile (or credential_source = Environment)")
            }
            let region = keys["region"] ?? (try? self.region()) ?? "us-east-1"
            return try await AssumeRole.call(role: role, externalID: keys["external_id"],
                                             sessionName: keys["role_session_name"], source: source, region: region,
                                             environment: environment, transport: transport, profile: name)
        }
        if let command = keys["credential_process"] {
            return try CredentialProcess.run(command, profile: name)
        }
        if let found = Self.staticKeys(keys, source: "profile \(name) (\(configPath))") { return found }
        if keys["sso_session"] != nil || keys["sso_start_url"] != nil {
            throw SourceProblem(.accessDenied, "profile \(name) uses SSO: add credential_process = aws configure "
                                + "export-credentials --profile \(name) --format process")
        }
        return nil
    }

    private static func staticKeys(_ keys: [String: String], source: String) -> AWSCredentials? {
        guard let id = keys["aws_access_key_id"], let secret = keys["aws_secret_access_key"], !id.isEmpty,
              !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: keys["aws_session_token"],
                              source: source)
    }
}
