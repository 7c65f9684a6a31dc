import DRCore
import Foundation

/// Turns AWS error responses into `SourceProblem`s with what an operator needs to act on them.
package enum AWSErrorMapping {
    /// The IAM permission each API needs, named in AccessDenied messages.
    static let permissions: [String: String] = [
        "ListBuckets": "s3:ListAllMyBuckets", "GetBucketLocation": "s3:GetBucketLocation", "HeadBucket": "s3:ListBucket",
        "GetBucketVersioning": "s3:GetBucketVersioning", "GetBucketReplication": "s3:GetReplicationConfiguration",
        "HeadObject": "s3:GetObject", "ListObjectVersions": "s3:ListBucketVersions",
        "GetMetricData": "cloudwatch:GetMetricData", "ReceiveMessage": "sqs:ReceiveMessage",
        "DeleteMessageBatch": "sqs:DeleteMessage", "GetQueueAttributes": "sqs:GetQueueAttributes",
        // Traffic and recovery (issue 15): every one a read.
        "GetMultiRegionAccessPointRoutes": "s3:GetMultiRegionAccessPointRoutes",
        "ListMultiRegionAccessPoints": "s3:ListMultiRegionAccessPoints",
        "ListResourceRecordSets": "route53:ListResourceRecordSets", "GetHealthCheck": "route53:GetHealthCheck",
        "GetRoutingControlState": "route53-recovery-cluster:GetRoutingControlState",
        "DescribeCluster": "route53-recovery-control-config:DescribeCluster",
        "ListListeners": "globalaccelerator:ListListeners", "ListEndpointGroups": "globalaccelerator:ListEndpointGroups",
        "ListRecoveryPointsByResource": "backup:ListRecoveryPointsByResource",
        "DescribeProtectedResource": "backup:DescribeProtectedResource", "ListBackupJobs": "backup:ListBackupJobs",
    ]

    /// The IAM permission `api` needs, when drtop knows it.
    package static func permission(_ api: String) -> String? { permissions[api] }

    static let throttlingCodes: Set<String> = [
        "SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded",
        "TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException",
    ]

    /// The problem an error response stands for. `what` names the call, e.g. "GetBucketReplication prod-use1".
    package static func problem(api: String, what: String, response: HTTPResponse) -> SourceProblem {
        let (code, text) = codeAndMessage(response)
        let message = text.map { ": \($0)" } ?? ""
        switch code {
        case "AccessDenied", "AccessDeniedException", "AllAccessDisabled", "UnauthorizedOperation":
            let permission = permissions[api].map { " (needs \($0))" } ?? ""
            return SourceProblem(.accessDenied, "\(what): AccessDenied\(permission)")
        case "NoSuchBucket", "NoSuchKey", "NotFound", "NoSuchVersion", "QueueDoesNotExist",
             "AWS.SimpleQueueService.NonExistentQueue", "NoSuchMultiRegionAccessPoint", "NoSuchHostedZone",
             "NoSuchHealthCheck", "ResourceNotFoundException", "AcceleratorNotFoundException",
             "ListenerNotFoundException":
            return SourceProblem(.notFound, "\(what): \(code)")
        case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            let region = response.headers["x-amz-bucket-region"].map { " (bucket is in \($0))" } ?? ""
            return SourceProblem(.wrongRegion, "\(what): wrong region\(region)")
        case "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture":
            return SourceProblem(.clockSkew, "\(what): \(code): the local clock is off\(skewDetail(response))")
        case "SignatureDoesNotMatch", "InvalidSignatureException", "AuthFailure":
            // "Signature expired: 20261202T010000Z is now earlier than …": the request's time, not the key.
            if isExpiredSignature(message) {
                return SourceProblem(.clockSkew, "\(what): \(code): the local clock is off\(skewDetail(response))")
            }
            return SourceProblem(.accessDenied, "\(what): \(code)\(message)")
        case "InvalidAccessKeyId", "ExpiredToken", "InvalidClientTokenId", "UnrecognizedClientException":
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

    /// The error code and message of an error answer: S3's `<Error>`, the Query APIs' `<ErrorResponse><Error>`,
    /// or the JSON protocol's `{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": …}`; a code from
    /// the status when the answer has no body (HEAD).
    package static func codeAndMessage(_ response: HTTPResponse) -> (code: String, message: String?) {
        let xml = try? XMLNode.parse(response.body, what: "error answer")
        let error = xml.flatMap { $0.name == "Error" ? $0 : $0.child("Error") }
        let json = xml == nil ? (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] : nil
        // REST JSON (AWS Backup, ARC's control plane) names the code in x-amzn-ErrorType ("Code:…") or `Code`.
        let header = response.headers["x-amzn-errortype"]?.split(separator: ":").first.map(String.init)
        let jsonCode = ((json?["__type"] as? String) ?? header ?? (json?["Code"] as? String))?
            .split(separator: "#").last.map(String.init)
        let jsonMessage = (json?["message"] as? String) ?? (json?["Message"] as? String)
        return (error?.string("Code") ?? jsonCode ?? defaultCode(response.status), error?.string("Message") ?? jsonMessage)
    }

    /// Codes the SDKs' standard retry mode retries besides throttling and 5xx answers.
    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError",
    ]

    /// Whether the SDKs' standard retry mode retries this answer: throttling, 500/502/503/504, or a transient
    /// code (RequestTimeout, PriorRequestNotComplete).
    static func isRetryable(_ problem: SourceProblem, response: HTTPResponse) -> Bool {
        if problem.kind == .throttled || [500, 502, 503, 504].contains(response.status) { return true }
        return transientCodes.contains(codeAndMessage(response).code)
    }

    /// "Signature expired: … is now earlier than …", "Signature not yet current": the request's time is off.
    private static func isExpiredSignature(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("signature expired") || lower.contains("not yet current") || lower.contains("request has expired")
    }

    /// " (server time 2026-12-02T03:00:00Z)" from the Date header, when the answer has one.
    private static func skewDetail(_ response: HTTPResponse) -> String {
        guard let date = response.headers["date"].flatMap(AWSClient.httpDate) else { return "" }
        let offset = Int(date.timeIntervalSinceNow.rounded())
        return " by \(offset > 0 ? "+" : "")\(offset) s (server's Date header)"
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
