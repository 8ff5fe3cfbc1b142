package import Foundation
package import Hummingbird
package import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// How every fake platform server (Telegram, WeCom, DingTalk, Feishu, Matrix) listens: on 127.0.0.1, on a port the
/// system picks, known once the server runs. Tests wait for it with `ready()`, which has a deadline.
package final class LoopbackListener: Sendable {
    private let port = Mutex(0)
    private let label: String

    /// `label` names the fake in its (silenced) log.
    package init(_ label: String) { self.label = label }

    /// `http://127.0.0.1:PORT` (port 0 until the server runs).
    package var url: URL {
        var parts = URLComponents()
        parts.scheme = "http"
        parts.host = "127.0.0.1"
        parts.port = port.withLock { $0 }
        return parts.url ?? URL(fileURLWithPath: "/")
    }

    /// Waits until the server listens, for `timeout` at most; after that the test's calls find nothing listening
    /// and fail saying so.
    package func ready(timeout: Duration = .seconds(60)) async {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while port.withLock({ $0 }) == 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private func listening(on port: Int) { self.port.withLock { $0 = port } }

    /// Serves `router` (HTTP/1, or `server`, e.g. with a WebSocket upgrade) on `port` (0: one the system picks) until
    /// the task is cancelled.
    package func run<Builder: HTTPResponderBuilder>(
        _ router: Builder, server: HTTPServerBuilder = .http1(), port: Int = 0
    ) async throws where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            router: router, server: server, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in self.listening(on: channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService()
    }
}
