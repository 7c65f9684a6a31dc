@testable import DRWire
import Foundation
import Testing

/// The form bodies of the Query APIs (CloudWatch's GetMetricData, STS): every field percent-encoded as RFC 3986
/// wants it, in order, joined by "&"; the one-buffer writer agrees with encoding each field alone.
@Suite struct URIEncodingTests {
    @Test func formEncodesEveryNameAndValueInOrder() {
        let body = URIEncoding.form([("Action", "GetMetricData"), ("MetricDataQueries.member.1.Id", "q_0"),
                                     ("Expr", "a b/c+d=e&f~g"), ("Empty", ""), ("Unicode", "é→")])
        #expect(body == "Action=GetMetricData&MetricDataQueries.member.1.Id=q_0&Expr=a%20b%2Fc%2Bd%3De%26f~g"
            + "&Empty=&Unicode=%C3%A9%E2%86%92")
        #expect(URIEncoding.form([]) == "")
    }

    @Test func formMatchesFieldByFieldEncoding() {
        let fields = (0..<500).map { index in
            ("MetricDataQueries.member.\(index).MetricStat.Metric.Dimensions.member.1.Value",
             "bucket-\(index) with spaces/and:colons?\(String(repeating: "ü", count: index % 4))")
        }
        let expected = fields.map { "\(URIEncoding.encode($0.0))=\(URIEncoding.encode($0.1))" }.joined(separator: "&")
        #expect(URIEncoding.form(fields) == expected)
    }
}
