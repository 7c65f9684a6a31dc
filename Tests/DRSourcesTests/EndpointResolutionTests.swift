import DRCore
import DRWire
import Foundation
import Testing

/// Endpoints as the AWS SDKs compute them, as URLs. Unless a comment says otherwise, every expected string was
/// checked against what botocore 1.43 computes (`boto3.client(service, region_name=…,
/// config=Config(use_fips_endpoint=…, use_dualstack_endpoint=…))`: `meta.endpoint_url`, and for S3 the URL of a
/// GetBucketReplication request for bucket `my-bucket`).
@Suite struct EndpointResolutionTests {
    func endpoints(_ environment: [String: String] = [:], profile: [String: String] = [:]) -> AWSEndpoints {
        AWSEndpoints(environment: environment, profile: profile)
    }

    @Test func commercialRegions() {
        let plain = endpoints()
        #expect(plain.s3(region: "us-west-2", bucket: "my-bucket").base == "https://my-bucket.s3.us-west-2.amazonaws.com")
        #expect(plain.cloudWatch(region: "eu-west-1") == "https://monitoring.eu-west-1.amazonaws.com")
        #expect(plain.sts(region: "ap-southeast-2") == "https://sts.ap-southeast-2.amazonaws.com")
        // botocore sends us-east-1 S3 to the legacy global s3.amazonaws.com; the regional name drtop uses is
        // the same service and what the other SDKs use.
        #expect(plain.s3(region: "us-east-1", bucket: nil).base == "https://s3.us-east-1.amazonaws.com")
        // A bucket name with dots goes path-style.
        let dotted = plain.s3(region: "eu-west-1", bucket: "my.bucket")
        #expect(dotted.base == "https://s3.eu-west-1.amazonaws.com" && dotted.pathPrefix == "/my.bucket")
    }

    @Test func chinaPartition() {
        let plain = endpoints()
        #expect(plain.s3(region: "cn-north-1", bucket: "my-bucket").base == "https://my-bucket.s3.cn-north-1.amazonaws.com.cn")
        #expect(plain.s3(region: "cn-northwest-1", bucket: nil).base == "https://s3.cn-northwest-1.amazonaws.com.cn")
        #expect(plain.cloudWatch(region: "cn-north-1") == "https://monitoring.cn-north-1.amazonaws.com.cn")
        #expect(plain.cloudWatch(region: "cn-northwest-1") == "https://monitoring.cn-northwest-1.amazonaws.com.cn")
        #expect(plain.sts(region: "cn-north-1") == "https://sts.cn-north-1.amazonaws.com.cn")
        #expect(plain.sts(region: "cn-northwest-1") == "https://sts.cn-northwest-1.amazonaws.com.cn")
        let dual = endpoints(["AWS_USE_DUALSTACK_ENDPOINT": "true"])
        #expect(dual.s3(region: "cn-north-1", bucket: "my-bucket").base
            == "https://my-bucket.s3.dualstack.cn-north-1.amazonaws.com.cn")
    }

    @Test func fips() throws {
        let fips = endpoints(["AWS_USE_FIPS_ENDPOINT": "true"])
        #expect(fips.s3(region: "us-east-1", bucket: "my-bucket").base == "https://my-bucket.s3-fips.us-east-1.amazonaws.com")
        #expect(fips.s3(region: "ca-central-1", bucket: "my-bucket").base == "https://my-bucket.s3-fips.ca-central-1.amazonaws.com")
        #expect(fips.s3(region: "us-gov-west-1", bucket: "my-bucket").base == "https://my-bucket.s3-fips.us-gov-west-1.amazonaws.com")
        #expect(fips.cloudWatch(region: "us-west-2") == "https://monitoring-fips.us-west-2.amazonaws.com")
        #expect(fips.sts(region: "us-east-1") == "https://sts-fips.us-east-1.amazonaws.com")
        // GovCloud's standard CloudWatch and STS endpoints are its FIPS endpoints.
        #expect(fips.cloudWatch(region: "us-gov-west-1") == "https://monitoring.us-gov-west-1.amazonaws.com")
        #expect(fips.sts(region: "us-gov-west-1") == "https://sts.us-gov-west-1.amazonaws.com")
        #expect(fips.notes(region: "us-east-1").isEmpty)
    }

    @Test func fipsWhereAWSHasNoneIsSaid() {
        let fips = endpoints(["AWS_USE_FIPS_ENDPOINT": "true"])
        // botocore also refuses S3 FIPS in China ("Partition does not support FIPS").
        #expect {
            try fips.resolveS3(region: "cn-north-1", bucket: "my-bucket")
        } throws: { error in
            "\(error)" == "AWS_USE_FIPS_ENDPOINT asks for FIPS, but AWS has no FIPS endpoint for S3 in cn-north-1 "
                + "(FIPS endpoints: none in the aws-cn partition)"
        }
        // endpoints.json lists no FIPS endpoint for CloudWatch outside the US regions and GovCloud (botocore's
        // rule set would still build monitoring-fips.eu-west-1.amazonaws.com).
        #expect {
            try fips.resolve(.cloudWatch, region: "eu-west-1")
        } throws: { error in
            "\(error)" == "AWS_USE_FIPS_ENDPOINT asks for FIPS, but AWS has no FIPS endpoint for CloudWatch in "
                + "eu-west-1 (FIPS endpoints: us-east-1, us-east-2, us-west-1, us-west-2)"
        }
        // The non-throwing accessors never fall back to a non-FIPS endpoint: their "base" is the reason, which
        // is no URL, so a request to it fails with that reason.
        let base = fips.cloudWatch(region: "eu-west-1")
        #expect(base.contains("no FIPS endpoint for CloudWatch in eu-west-1") && URL(string: base)?.host == nil)
        #expect(fips.s3(region: "eu-west-1", bucket: nil).base.contains("no FIPS endpoint for S3 in eu-west-1"))
        #expect(fips.notes(region: "eu-west-1").count == 3)
        #expect(fips.notes(region: "ca-central-1") == [
            "AWS_USE_FIPS_ENDPOINT asks for FIPS, but AWS has no FIPS endpoint for CloudWatch in ca-central-1 "
                + "(FIPS endpoints: us-east-1, us-east-2, us-west-1, us-west-2)",
            "AWS_USE_FIPS_ENDPOINT asks for FIPS, but AWS has no FIPS endpoint for STS in ca-central-1 "
                + "(FIPS endpoints: us-east-1, us-east-2, us-west-1, us-west-2)",
        ])
    }

    @Test func dualStack() {
        let dual = endpoints(["AWS_USE_DUALSTACK_ENDPOINT": "true"])
        #expect(dual.s3(region: "us-east-1", bucket: "my-bucket").base
            == "https://my-bucket.s3.dualstack.us-east-1.amazonaws.com")
        #expect(dual.s3(region: "eu-west-1", bucket: nil).base == "https://s3.dualstack.eu-west-1.amazonaws.com")
        let both = endpoints(["AWS_USE_DUALSTACK_ENDPOINT": "true", "AWS_USE_FIPS_ENDPOINT": "TRUE"])
        #expect(both.s3(region: "us-west-2", bucket: "my-bucket").base
            == "https://my-bucket.s3-fips.dualstack.us-west-2.amazonaws.com")
        #expect(both.s3(region: "us-gov-west-1", bucket: "my-bucket").base
            == "https://my-bucket.s3-fips.dualstack.us-gov-west-1.amazonaws.com")
        // CloudWatch and STS stay on IPv4: endpoints.json lists no dual-stack endpoint for them (botocore's rule
        // set would build monitoring.eu-west-1.api.aws). Said in the notes.
        #expect(dual.cloudWatch(region: "eu-west-1") == "https://monitoring.eu-west-1.amazonaws.com")
        #expect(dual.sts(region: "eu-west-1") == "https://sts.eu-west-1.amazonaws.com")
        #expect(both.cloudWatch(region: "us-east-1") == "https://monitoring-fips.us-east-1.amazonaws.com")
        #expect(dual.notes(region: "eu-west-1") == [
            "AWS_USE_DUALSTACK_ENDPOINT: CloudWatch has no dual-stack endpoint; it stays on IPv4 "
                + "(https://monitoring.eu-west-1.amazonaws.com)",
            "AWS_USE_DUALSTACK_ENDPOINT: STS has no dual-stack endpoint; it stays on IPv4 (https://sts.eu-west-1.amazonaws.com)",
        ])
    }

    @Test func profileKeysAndTheEnvironmentWinsOverThem() {
        let profile = ["use_fips_endpoint": "true", "use_dualstack_endpoint": "true"]
        let fromProfile = endpoints(profile: profile)
        #expect(fromProfile.useFIPS && fromProfile.useDualStack)
        #expect(fromProfile.s3(region: "us-east-2", bucket: "my-bucket").base
            == "https://my-bucket.s3-fips.dualstack.us-east-2.amazonaws.com")
        let notes = fromProfile.notes(region: "eu-west-1")
        #expect(notes.contains { $0.hasPrefix("use_fips_endpoint in the profile asks for FIPS") })
        #expect(notes.contains { $0.hasPrefix("use_dualstack_endpoint in the profile: CloudWatch") })
        let overruled = endpoints(["AWS_USE_FIPS_ENDPOINT": "false"], profile: profile)
        #expect(!overruled.useFIPS && overruled.useDualStack)
        #expect(overruled.s3(region: "us-east-2", bucket: nil).base == "https://s3.dualstack.us-east-2.amazonaws.com")
        #expect(!endpoints(profile: ["use_fips_endpoint": "yes"]).useFIPS)
    }

    @Test func overridesWinOverFIPSAndDualStack() throws {
        let environment = ["AWS_USE_FIPS_ENDPOINT": "true", "AWS_USE_DUALSTACK_ENDPOINT": "true",
                           "AWS_ENDPOINT_URL": "http://127.0.0.1:9000/", "AWS_ENDPOINT_URL_STS": "http://127.0.0.1:9001"]
        let custom = AWSEndpoints(regionOverrides: ["eu-west-1": URL(string: "http://127.0.0.1:9002")!],
                                  environment: environment)
        #expect(custom.sts(region: "eu-west-1") == "http://127.0.0.1:9001")
        #expect(custom.cloudWatch(region: "cn-north-1") == "http://127.0.0.1:9000")
        let s3 = custom.s3(region: "eu-west-1", bucket: "my-bucket")
        #expect(s3.base == "http://127.0.0.1:9002" && s3.pathPrefix == "/my-bucket")
        #expect(try custom.resolveS3(region: "cn-north-1", bucket: nil).base == "http://127.0.0.1:9000")
        #expect(custom.notes(region: "eu-west-1").isEmpty)
    }
}
