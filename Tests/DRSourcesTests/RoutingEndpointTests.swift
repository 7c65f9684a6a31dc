import DRCore
import DRWire
import Foundation
import Testing

/// Where the routing and backup services are reached (issue 15): AWS's hosts, the SDKs' `AWS_ENDPOINT_URL_*`
/// variables, and a region's own endpoint when it is not AWS's.
@Suite struct RoutingEndpointTests {
    @Test func awsHosts() throws {
        let plain = AWSEndpoints()
        #expect(try plain.s3Control(region: "us-west-2", account: "123456789012")
            == "https://123456789012.s3-control.us-west-2.amazonaws.com")
        #expect(try plain.resolve(.route53, region: plain.signingRegion(.route53, region: "eu-west-1"))
            == "https://route53.amazonaws.com")
        #expect(plain.signingRegion(.route53, region: "eu-west-1") == "us-east-1")
        #expect(plain.signingRegion(.globalAccelerator, region: "eu-west-1") == "us-west-2")
        #expect(plain.signingRegion(.recoveryControlConfig, region: "ap-southeast-2") == "us-west-2")
        #expect(plain.signingRegion(.backup, region: "eu-west-1") == "eu-west-1")
        #expect(try plain.resolve(.globalAccelerator, region: "us-west-2") == "https://globalaccelerator.us-west-2.amazonaws.com")
        #expect(try plain.resolve(.backup, region: "eu-central-1") == "https://backup.eu-central-1.amazonaws.com")
        #expect(try plain.resolve(.recoveryControlConfig, region: "us-west-2")
            == "https://route53-recovery-control-config.us-west-2.amazonaws.com")
        #expect(!plain.pointsAwayFromAWS)
        // The replication services' notes are unchanged by the new ones.
        #expect(AWSEndpoints(environment: ["AWS_USE_DUALSTACK_ENDPOINT": "true"]).notes(region: "us-east-1").count == 2)
    }

    @Test func sdkVariablesAndTheirOrder() throws {
        let endpoints = AWSEndpoints(environment: [
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
            "AWS_ENDPOINT_URL_S3_CONTROL": "http://127.0.0.1:9001/",
            "AWS_ENDPOINT_URL_ROUTE_53": "http://127.0.0.1:9002",
            "AWS_ENDPOINT_URL_BACKUP": "http://127.0.0.1:9003",
            "AWS_ENDPOINT_URL_GLOBAL_ACCELERATOR": "http://127.0.0.1:9004",
            "AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CONTROL_CONFIG": "http://127.0.0.1:9005",
        ])
        // With an override, no account-id host prefix.
        #expect(try endpoints.s3Control(region: "us-east-1", account: "123456789012") == "http://127.0.0.1:9001")
        #expect(try endpoints.resolve(.route53, region: "us-east-1") == "http://127.0.0.1:9002")
        #expect(try endpoints.resolve(.backup, region: "eu-west-1") == "http://127.0.0.1:9003")
        #expect(try endpoints.resolve(.globalAccelerator, region: "us-west-2") == "http://127.0.0.1:9004")
        #expect(try endpoints.resolve(.recoveryControlConfig, region: "us-west-2") == "http://127.0.0.1:9005")
        let any = AWSEndpoints(environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:9000"])
        #expect(try any.resolve(.backup, region: "eu-west-1") == "http://127.0.0.1:9000")
        #expect(any.hasOverride(.s3Control, region: "ap-northeast-1"))
    }

    /// A region's configured endpoint that is not AWS's (a local server answering all of the region's
    /// services) serves the new services there too; one on AWS's hosts is S3's alone.
    @Test func regionEndpoints() throws {
        let local = AWSEndpoints(regionOverrides: ["us-east-1": URL(string: "http://127.0.0.1:5001")!,
                                                   "us-west-2": URL(string: "http://127.0.0.1:5002")!])
        #expect(local.pointsAwayFromAWS)
        #expect(try local.s3Control(region: "us-west-2", account: "123456789012") == "http://127.0.0.1:5002")
        #expect(try local.resolve(.route53, region: "us-east-1") == "http://127.0.0.1:5001")
        #expect(try local.resolve(.globalAccelerator, region: "us-west-2") == "http://127.0.0.1:5002")
        #expect(!local.hasOverride(.s3Control, region: "eu-west-1"))
        let vpce = AWSEndpoints(regionOverrides: ["us-east-1": URL(string: "https://bucket.vpce-1a2b.s3.us-east-1.vpce.amazonaws.com")!])
        #expect(!vpce.pointsAwayFromAWS)
        #expect(try vpce.resolve(.backup, region: "us-east-1") == "https://backup.us-east-1.amazonaws.com")
    }

    /// SigV4 encodes a REST path twice for every service but S3: an ARN in the path is signed as `arn%253A…`.
    @Test func restPathsOfOtherServicesAreSignedEncodedTwice() {
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "SECRET", source: "test")
        let request = SigV4.Request(method: "GET", path: "/resources/arn:aws:s3:::bucket-a/recovery-points/",
                                    headers: [("Host", "backup.us-east-1.amazonaws.com")])
        #expect(request.encodedPath == "/resources/arn%3Aaws%3As3%3A%3A%3Abucket-a/recovery-points/")
        let backup = SigV4(credentials: credentials, region: "us-east-1", service: "backup", encodesPathTwice: true)
        #expect(backup.canonicalRequest(request).split(separator: "\n")[1]
            == "/resources/arn%253Aaws%253As3%253A%253A%253Abucket-a/recovery-points/")
        let s3 = SigV4(credentials: credentials, region: "us-east-1", service: "s3")
        #expect(s3.canonicalRequest(request).split(separator: "\n")[1]
            == "/resources/arn%3Aaws%3As3%3A%3A%3Abucket-a/recovery-points/")
    }

    @Test func arns() {
        let mrap = ARN("arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap")
        #expect(mrap?.service == "s3" && mrap?.region == "" && mrap?.account == "123456789012")
        #expect(mrap?.isResource(of: "s3", "accesspoint/") == true)
        #expect(ARN("arn:aws:s3:::bucket")?.account == "")
        #expect(ARN("arn:aws:s3:::bucket")?.isResource(of: "s3", "accesspoint/") == false)
        for bad in ["", "arn", "arn:aws:s3", "arn:aws::us-east-1:123456789012:x", "arn:aws:s3:::", "arn:aws:s3::12:x",
                    "urn:aws:s3::123456789012:x", "arn:aws:s3:useast1:123456789012:x"] {
            #expect(ARN(bad) == nil, "\(bad)")
        }
    }

    /// REST JSON answers name their error in x-amzn-ErrorType; an AccessDenied names the IAM permission.
    @Test func restJSONErrorsAndPermissions() {
        let response = HTTPResponse(status: 400, headers: ["x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.cryo/"],
                                    body: Data(#"{"Code": "ResourceNotFoundException", "Message": "not protected"}"#.utf8))
        #expect(AWSErrorMapping.codeAndMessage(response).code == "ResourceNotFoundException")
        let denied = HTTPResponse(status: 403, headers: ["x-amzn-errortype": "AccessDeniedException"],
                                  body: Data(#"{"Message": "User is not authorized"}"#.utf8))
        #expect(AWSErrorMapping.problem(api: "ListRecoveryPointsByResource", what: "ListRecoveryPointsByResource us-east-1",
                                        response: denied).message
            == "ListRecoveryPointsByResource us-east-1: AccessDenied (needs backup:ListRecoveryPointsByResource)")
        for (api, permission) in [("GetMultiRegionAccessPointRoutes", "s3:GetMultiRegionAccessPointRoutes"),
                                  ("ListResourceRecordSets", "route53:ListResourceRecordSets"),
                                  ("GetMetricData", "cloudwatch:GetMetricData"),
                                  ("GetRoutingControlState", "route53-recovery-cluster:GetRoutingControlState"),
                                  ("ListEndpointGroups", "globalaccelerator:ListEndpointGroups")] {
            #expect(AWSErrorMapping.permission(api) == permission)
        }
    }
}
