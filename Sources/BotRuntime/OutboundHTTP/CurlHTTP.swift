import CCurl
package import Foundation

/// Outbound HTTP on libcurl's multi interface: every request of one platform runs on one thread of its own
/// (`CurlMultiLoop`), over kept-alive connections (HTTP/2 multiplexing where the server offers it), many in flight at
/// once. It replaced URLSession, which spent about 0.3 ms of CPU per request in callbacks and queue hops
/// (docs/performance.md).
package final class CurlHTTP: OutboundHTTP {
    private let loop: CurlMultiLoop?
    private let largestAnswer: Int

    /// `largestAnswer`: answers larger than this many bytes are refused (the largest the bot fetches are platform
    /// files of up to 20 MB). `threadName` is what `top -H` and /proc show for its thread (at most 15 bytes).
    package init(maxConnectionsPerHost: Int, largestAnswer: Int = 64 << 20, threadName: String = "cxzy-http") {
        loop = CurlMultiLoop(maxConnectionsPerHost: maxConnectionsPerHost, threadName: threadName)
        self.largestAnswer = largestAnswer
    }

    deinit { loop?.stop() }

    package func exchange(_ request: OutboundRequest, failure: @escaping @Sendable (String) -> any Error) async throws
        -> (data: Data, status: Int)
    {
        guard let loop else { throw failure("libcurl could not be started (curl_multi_init failed)") }
        try Task.checkCancellation()
        let transfer = CurlTransfer(request, largestAnswer: largestAnswer, failure: failure)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.continuation = continuation
                loop.start(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
    }
}
