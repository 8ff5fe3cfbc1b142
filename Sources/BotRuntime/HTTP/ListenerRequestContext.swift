package import Hummingbird
package import NIOCore

/// The request context of the bot's listener: Hummingbird's basic context plus the client's address, for the refusal
/// log and for `/healthz` (full figures only to loopback).
package struct ListenerRequestContext: RequestContext, RemoteAddressRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let remoteAddress: SocketAddress?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, for logs ("-" when unknown).
    package var client: String { remoteAddress?.ipAddress ?? "-" }

    /// Whether the request comes from this machine (127.0.0.0/8, ::1, or an IPv4-mapped loopback).
    package var isLoopback: Bool { remoteAddress?.ipAddress.map(Self.isLoopback) ?? false }

    /// Whether an IP address in text is a loopback address.
    package static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
