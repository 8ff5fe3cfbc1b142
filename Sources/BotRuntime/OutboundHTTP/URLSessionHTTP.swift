package import Foundation
import Synchronization
#if canImport(FoundationNetworking)
    package import FoundationNetworking
#endif

/// Outbound HTTP over Foundation's URLSession (libcurl's easy interface on Linux, a dispatch-queue hop per callback).
/// It costs about 0.3 ms of CPU per request (docs/performance.md), so the bot uses `CurlHTTP`; this one stays for
/// comparison in the benchmark.
package struct URLSessionHTTP: OutboundHTTP {
    package let session: URLSession

    package init(maxConnectionsPerHost: Int) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 75
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        // No cookie jar or cache in memory either: the bot's APIs use neither, and each costs work per request.
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// Not `data(for:)`: on Linux its cancellation handler cancels the URL task synchronously while holding the Swift
    /// task's status lock, and deadlocks when the transfer completes at that moment (seen at shutdown, when a long
    /// poll is cancelled). Here the cancel is handed to another queue, so the handler never blocks.
    package func exchange(_ request: OutboundRequest, failure: @escaping @Sendable (String) -> any Error) async throws
        -> (data: Data, status: Int)
    {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        urlRequest.httpBody = request.body
        let handle = CancellableTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(data: Data, status: Int), any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        let cancelled = (error as? URLError)?.code == .cancelled || handle.isCancelled
                        continuation.resume(
                            throwing: cancelled ? CancellationError() : failure(error.localizedDescription))
                    } else {
                        continuation.resume(
                            returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                    }
                }
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }
}

/// A URL task that may be cancelled before it starts; cancelling never blocks the caller.
private final class CancellableTask: Sendable {
    private let state = Mutex<(task: URLSessionTask?, cancelled: Bool)>((nil, false))

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func start(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelled { DispatchQueue.global().async { task.cancel() } }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        if let task { DispatchQueue.global().async { task.cancel() } }
    }
}
