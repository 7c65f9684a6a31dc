import DRCore
import Foundation

/// Finds credentials the way the AWS SDKs do, in order: the environment (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); web identity from the environment (`AWS_WEB_IDENTITY_TOKEN_FILE`
/// with `AWS_ROLE_ARN`, as EKS IRSA sets them; STS AssumeRoleWithWebIdentity); the profile in the shared
/// `credentials` and `config` files (`AWS_SHARED_CREDENTIALS_FILE`, `AWS_CONFIG_FILE`, `AWS_PROFILE`,
/// `[profile NAME]`) with static keys, `credential_process`, or `role_arn` with `web_identity_token_file`,
/// `source_profile` or `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`; STS
/// AssumeRole); container credentials (`AWS_CONTAINER_CREDENTIALS_FULL_URI` / `_RELATIVE_URI`); and EC2
/// instance metadata (IMDSv2). With `--profile`, only the profile is asked (the environment's keys and web
/// identity are skipped, as are the container and instance metadata unless its credential_source names them).
/// A missing or broken chain is one message naming everything that was tried. Files are only read.
package struct CredentialChain: Sendable {
    /// The environment to read.
    package var environment: [String: String]
    /// The profile asked for on the command line or in the configuration, which wins over AWS_PROFILE.
    package var profile: String?

    package init(environment: [String: String], profile: String? = nil) {
        self.environment = environment
        self.profile = profile
    }

    /// The profile in use.
    package var profileName: String {
        profile ?? environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
    }

    private var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// The shared credentials file path.
    package var credentialsPath: String {
        environment["AWS_SHARED_CREDENTIALS_FILE"].map(expand) ?? "\(home)/.aws/credentials"
    }

    /// The shared config file path.
    package var configPath: String { environment["AWS_CONFIG_FILE"].map(expand) ?? "\(home)/.aws/config" }

    private func expand(_ path: String) -> String {
        path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    /// Reads an INI file, nil when it does not exist.
    private func read(_ path: String) throws -> INIFile? { try INIFile.read(path: path) }

    /// The keys of profile `name` in the config file ("[profile NAME]", or "[default]").
    package func configProfile(_ name: String? = nil) throws -> [String: String]? {
        let name = name ?? profileName
        let file = try read(configPath)
        return file?.sections[name == "default" ? "default" : "profile \(name)"] ?? file?.sections[name]
    }

    /// The region the environment or the profile names, if any.
    package func region() throws -> String? {
        if let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] { return region }
        return try configProfile()?["region"]
    }

    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, when both keys are set.
    var environmentKeys: AWSCredentials? {
        guard let id = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"],
              !id.isEmpty, !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                              sessionToken: environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 },
                              source: "environment")
    }

    /// Where STS is reached: the environment's overrides and the FIPS / dual-stack settings of the profile in use.
    var endpoints: AWSEndpoints {
        AWSEndpoints(environment: environment, profile: (try? configProfile()) ?? [:])
    }

    /// Resolves credentials, or throws one message naming what was tried.
    package func resolve(transport: HTTPTransport) async throws -> AWSCredentials {
        var tried: [String] = []
        if profile == nil, let found = environmentKeys { return found }
        tried.append(profile == nil ? "environment variables" : "environment (skipped: --profile given)")
        if profile == nil {
            if let found = try await fromEnvironmentWebIdentity(transport: transport) { return found }
            tried.append(environment["AWS_WEB_IDENTITY_TOKEN_FILE"].map { $0.isEmpty } ?? true
                ? "web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set)" : "web identity (AWS_ROLE_ARN not set)")
        }
        if let found = try await fromProfile(profileName, transport: transport, depth: 0) { return found }
        tried.append("profile \(profileName) in \(credentialsPath) and \(configPath)")
        if profile == nil {
            if let found = try await CredentialEndpoints.container(environment, transport: transport) { return found }
            tried.append("container credentials (AWS_CONTAINER_CREDENTIALS_*_URI not set)")
            if !instanceMetadataDisabled {
                if let found = try await CredentialEndpoints.instanceMetadata(environment, transport: transport) {
                    return found
                }
                tried.append("EC2 instance metadata (no answer)")
            }
        }
        throw SourceProblem(.accessDenied, "no AWS credentials found; tried " + tried.joined(separator: ", "))
    }

    /// Whether `AWS_EC2_METADATA_DISABLED` turns instance metadata off.
    var instanceMetadataDisabled: Bool { environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN` (and `AWS_ROLE_SESSION_NAME`): EKS IRSA.
    private func fromEnvironmentWebIdentity(transport: HTTPTransport) async throws -> AWSCredentials? {
        guard let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty,
              let role = environment["AWS_ROLE_ARN"], !role.isEmpty else { return nil }
        let region = (try? self.region()) ?? "us-east-1"
        return try await WebIdentity.call(
            tokenFile: expand(file), role: role,
            sessionName: environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 }, region: region,
            endpoints: endpoints, transport: transport, origin: "AWS_WEB_IDENTITY_TOKEN_FILE")
    }

    /// Credentials of profile `name`: static keys, an assumed role (web identity, source_profile or
    /// credential_source), or credential_process.
    private func fromProfile(_ name: String, transport: HTTPTransport, depth: Int) async throws -> AWSCredentials? {
        guard depth < 5 else { throw SourceProblem(.other, "profile \(name): source_profile chain is too long") }
        let fromCredentials = try read(credentialsPath)?.sections[name]
        if let keys = fromCredentials, let found = Self.staticKeys(keys, source: "profile \(name) (\(credentialsPath))") {
            return found
        }
        guard let keys = try configProfile(name) else { return nil }
        if let role = keys["role_arn"] {
            let region = keys["region"] ?? (try? self.region()) ?? "us-east-1"
            if let tokenFile = keys["web_identity_token_file"] {
                return try await WebIdentity.call(tokenFile: expand(tokenFile), role: role,
                                                  sessionName: keys["role_session_name"], region: region,
                                                  endpoints: endpoints, transport: transport, origin: "profile \(name)")
            }
            let (source, via) = try await roleSource(keys, profile: name, transport: transport, depth: depth)
            return try await AssumeRole.call(role: role, externalID: keys["external_id"],
                                             sessionName: keys["role_session_name"], source: source, via: via,
                                             region: region, endpoints: endpoints, transport: transport,
                                             origin: "profile \(name)")
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

    /// The credentials that assume the role of profile `name` (from its `source_profile` or its
    /// `credential_source`, never both), and how they were found, for the credentials' source.
    private func roleSource(_ keys: [String: String], profile name: String, transport: HTTPTransport, depth: Int)
        async throws -> (AWSCredentials, String?) {
        switch (keys["source_profile"], keys["credential_source"]) {
        case (.some, .some):
            throw SourceProblem(.accessDenied, "profile \(name): has both source_profile and credential_source; "
                                + "a role profile takes one of them")
        case (let sourceProfile?, nil):
            guard let found = try await fromProfile(sourceProfile, transport: transport, depth: depth + 1) else {
                throw SourceProblem(.accessDenied, "profile \(name): source_profile \(sourceProfile) has no credentials")
            }
            return (found, nil)
        case (nil, let value?):
            let source = try CredentialSource.parse(value, profile: name)
            return (try await credentials(from: source, profile: name, transport: transport),
                    "credential_source \(source.rawValue)")
        case (nil, nil):
            throw SourceProblem(.accessDenied, "profile \(name): role_arn needs source_profile, credential_source "
                                + "or web_identity_token_file")
        }
    }

    /// The credentials `source` gives, for the role of profile `name`.
    private func credentials(from source: CredentialSource, profile name: String, transport: HTTPTransport)
        async throws -> AWSCredentials {
        let what = "profile \(name): credential_source = \(source.rawValue)"
        do {
            switch source {
            case .environment:
                if let found = environmentKeys { return found }
                throw SourceProblem(.accessDenied, "\(what), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
            case .ecsContainer:
                if let found = try await CredentialEndpoints.container(environment, transport: transport) { return found }
                throw SourceProblem(.accessDenied, "\(what), but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
                                    + "AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
            case .ec2InstanceMetadata:
                guard !instanceMetadataDisabled else {
                    throw SourceProblem(.accessDenied, "\(what), but AWS_EC2_METADATA_DISABLED is true")
                }
                if let found = try await CredentialEndpoints.instanceMetadata(environment, transport: transport) {
                    return found
                }
                throw SourceProblem(.accessDenied, "\(what), but EC2 instance metadata did not answer")
            }
        } catch let problem as SourceProblem where !problem.message.hasPrefix(what) {
            throw SourceProblem(problem.kind, "\(what): \(problem.message)")
        }
    }

    private static func staticKeys(_ keys: [String: String], source: String) -> AWSCredentials? {
        guard let id = keys["aws_access_key_id"], let secret = keys["aws_secret_access_key"], !id.isEmpty,
              !secret.isEmpty else { return nil }
        return AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: keys["aws_session_token"],
                              source: source)
    }
}
