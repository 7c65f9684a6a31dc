import Foundation

/// AWS credentials. `description` never shows the secret or the token.
package struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The access key ID (not secret; shown to identify the key).
    package var accessKeyID: String
    /// The secret access key.
    package var secretAccessKey: String
    /// The session token of temporary credentials.
    package var sessionToken: String?
    /// When temporary credentials expire.
    package var expiration: Date?
    /// Where they came from, e.g. "environment" or "profile prod (~/.aws/credentials)".
    package var source: String

    /// Creates credentials.
    package init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil,
        source: String
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    package var description: String {
        "AWSCredentials(\(accessKeyID), secret redacted\(sessionToken == nil ? "" : ", session token redacted"), \(source))"
    }
}
