import Foundation
import Synchronization
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension URLSession {
    /// The bot's outbound HTTP: no cookies or cache on disk; long-poll requests set their own timeouts.
    static func bot(maxConnectionsPerHost: Int) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 75
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        // No cookie jar or cache in memory either: the bot's APIs use neither, and each costs work per request.
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }
}

extension URLSession {
    /// One request: the body and the HTTP status. Cancellation stays a `CancellationError`; any other failure to get
    /// an answer (connection refused, timeout) becomes `failure(description)`, which each platform sorts as transient.
    ///
    /// Not `data(for:)`: on Linux its cancellation handler cancels the URL task synchronously while holding the Swift
    /// task's status lock, and deadlocks when the transfer completes at that moment (seen at shutdown, when a long
    /// poll is cancelled). Here the cancel is handed to another queue, so the handler never blocks.
    func exchange(_ request: URLRequest, failure: @escaping @Sendable (String) -> any Error) async throws -> (
        data: Data, status: Int
    ) {
        let handle = CancellableTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(data: Data, status: Int), any Error>) in
                let task = dataTask(with: request) { data, response, error in
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
