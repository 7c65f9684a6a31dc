import DRCore
import Foundation

/// Turns AWS error responses into `SourceProblem`s with what an operator needs to act on them.
public enum AWSErrorMapping {
    /// The IAM permission each API needs, named in AccessDenied messages.
    static let permissions: [String: String] = [
        "ListBuckets": "s3:ListAllMyBuckets", "GetBucketLocation": "s3:GetBucketLocation",
        "GetBucketVersioning": "s3:GetBucketVersioning", "GetBucketReplication": "s3:GetReplicationConfiguration",
        "HeadObject": "s3:GetObject", "ListObjectVersions": "s3:ListBucketVersions",
        "GetMetricData": "cloudwatch:GetMetricData", "ReceiveMessage": "sqs:ReceiveMessage",
        "DeleteMessageBatch": "sqs:DeleteMessage",
    ]

    static let throttlingCodes: Set<String> = [
        "SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded",
        "TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException",
    ]

    /// The problem an error response stands for. `what` names the call, e.g. "GetBucketReplication prod-use1".
    public static func problem(api: String, what: String, response: HTTPResponse) -> SourceProblem {
        let xml = try? XMLNode.parse(response.body, what: what)
        let error = xml.flatMap { $0.name == "Error" ? $0 : $0.child("Error") }
        // JSON-protocol services (SQS) answer {"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": …}.
        let json = xml == nil ? (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] : nil
        let jsonCode = (json?["__type"] as? String)?.split(separator: "#").last.map(String.init)
        let jsonMessage = (json?["message"] as? String) ?? (json?["Message"] as? String)
        let code = error?.string("Code") ?? jsonCode ?? defaultCode(response.status)
        let message = (error?.string("Message") ?? jsonMessage).map { ": \($0)" } ?? ""
        switch code {
        case "AccessDenied", "AccessDeniedException", "AllAccessDisabled", "UnauthorizedOperation":
            let permission = permissions[api].map { " (needs \($0))" } ?? ""
            return SourceProblem(.accessDenied, "\(what): AccessDenied\(permission)")
        case "NoSuchBucket", "NoSuchKey", "NotFound", "NoSuchVersion", "QueueDoesNotExist",
             "AWS.SimpleQueueService.NonExistentQueue":
            return SourceProblem(.notFound, "\(what): \(code)")
        case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            let region = response.headers["x-amz-bucket-region"].map { " (bucket is in \($0))" } ?? ""
            return SourceProblem(.wrongRegion, "\(what): wrong region\(region)")
        case "RequestTimeTooSkewed":
            return SourceProblem(.clockSkew, "\(what): RequestTimeTooSkewed: local clock is off")
        case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidClientTokenId",
             "UnrecognizedClientException":
            return SourceProblem(.accessDenied, "\(what): \(code)\(message)")
        default:
            if throttlingCodes.contains(code) || response.status == 503 || response.status == 429 {
                return SourceProblem(.throttled, "\(what): \(code) (throttled)")
            }
            if response.status >= 500 {
                return SourceProblem(.badResponse, "\(what): HTTP \(response.status) \(code)")
            }
            return SourceProblem(.other, "\(what): \(code)\(message)")
        }
    }

    private static func defaultCode(_ status: Int) -> String {
        switch status {
        case 301: return "PermanentRedirect"
        case 403: return "AccessDenied"
        case 404: return "NotFound"
        case 429: return "TooManyRequestsException"
        case 503: return "SlowDown"
        default: return "HTTP\(status)"
        }
    }
}
