import DRCore
import DRWire
import Foundation
import Testing

/// How AWS error answers become problems an operator can act on (pure mapping of status, headers and body).
@Suite struct AWSErrorMappingTests {
    func problem(_ api: String, _ status: Int, _ body: String, headers: [String: String] = [:]) -> SourceProblem {
        AWSErrorMapping.problem(api: api, what: "\(api) b", response: HTTPResponse(status: status, headers: headers,
                                                                                     body: Data(body.utf8)))
    }

    @Test func accessDeniedNamesThePermission() {
        let p = problem("GetBucketReplication", 403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")
        #expect(p.kind == .accessDenied)
        #expect(p.message == "GetBucketReplication b: AccessDenied (needs s3:GetReplicationConfiguration)")
        let cw = problem("GetMetricData", 403,
                         "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>")
        #expect(cw.message.contains("cloudwatch:GetMetricData"))
    }

    @Test func throttlingAndServerErrors() {
        #expect(problem("GetMetricData", 400, "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>").kind
                == .throttled)
        #expect(problem("HeadObject", 503, "").kind == .throttled, "a 503 to HEAD has no body")
        #expect(problem("GetBucketVersioning", 500, "<Error><Code>InternalError</Code></Error>").kind == .badResponse)
        #expect(problem("GetBucketVersioning", 502, "garbage <<<").kind == .badResponse)
    }

    @Test func wrongRegionSaysWhereTheBucketIs() {
        let p = problem("GetBucketVersioning", 301, "<Error><Code>PermanentRedirect</Code></Error>",
                        headers: ["x-amz-bucket-region": "eu-west-1"])
        #expect(p.kind == .wrongRegion)
        #expect(p.message.contains("bucket is in eu-west-1"))
    }

    @Test func notFoundAndSkew() {
        #expect(problem("GetBucketVersioning", 404, "<Error><Code>NoSuchBucket</Code></Error>").kind == .notFound)
        #expect(problem("HeadObject", 404, "").kind == .notFound)
        #expect(problem("GetMetricData", 403, "<ErrorResponse><Error><Code>RequestTimeTooSkewed</Code></Error></ErrorResponse>")
            .kind == .clockSkew)
    }
}
