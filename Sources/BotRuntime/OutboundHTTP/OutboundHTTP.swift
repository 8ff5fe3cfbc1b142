package import Foundation

/// One outbound HTTP request of a platform API: what the bot sends, nothing a platform does not use.
package struct OutboundRequest: Sendable {
    package var method: String
    package var url: URL
    /// Sent in this order. `Content-Length` is the client's business.
    package var headers: [(name: String, value: String)]
    package var body: Data?
    /// The longest silence, in seconds: the exchange fails when no byte has moved for this long (as URLSession's
    /// `timeoutInterval`). A long poll sets it above the poll's own wait.
    package var timeout: TimeInterval

    /// A GET without headers.
    package init(_ url: URL, timeout: TimeInterval = 30) {
        self.init("GET", url, timeout: timeout)
    }

    package init(
        _ method: String, _ url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil,
        timeout: TimeInterval = 30
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// The platforms' HTTP client: one exchange, the body and the status. Cancellation stays a `CancellationError`; any
/// other failure to get an answer (connection refused, timeout, reset) becomes `failure(description)`, which each
/// platform sorts as transient. The bot's client is `CurlHTTP` (libcurl's multi interface); `URLSessionHTTP` is kept
/// as the measured alternative (`cxzy-bench` compares the two).
package protocol OutboundHTTP: Sendable {
    func exchange(_ request: OutboundRequest, failure: @escaping @Sendable (String) -> any Error) async throws -> (
        data: Data, status: Int
    )
}
