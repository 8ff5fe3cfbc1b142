import Foundation

/// A platform access token shared by every caller: fetched on demand (one request however many callers wait), kept
/// until `margin` before it expires, and fetched again once when the platform says it is no longer valid. Used by
/// the platforms whose APIs take an access token. The token is never logged.
actor AccessTokenCache {
    /// Fetches a token and its lifetime in seconds.
    typealias Fetch = @Sendable () async throws -> (token: String, lifetime: TimeInterval)

    private let fetch: Fetch
    /// The platform's name, for the count of tokens fetched.
    private let platform: String
    /// Token lifetimes are the platform's real seconds: measured on the monotonic clock, not the campaign's.
    private let clock = ContinuousClock()
    private var cached: (value: String, expires: ContinuousClock.Instant)?
    private var pending: Task<(value: String, expires: ContinuousClock.Instant), any Error>?

    /// A token is fetched again this long before the platform says it expires.
    static let margin: TimeInterval = 300

    init(platform: String, fetch: @escaping Fetch) {
        self.platform = platform
        self.fetch = fetch
    }

    /// A valid token: the cached one, or a new one.
    func token() async throws -> String {
        if let cached, cached.expires > clock.now { return cached.value }
        if let pending { return try await pending.value.value }
        let task = Task { [fetch, clock] () throws -> (value: String, expires: ContinuousClock.Instant) in
            let (value, lifetime) = try await fetch()
            return (value, clock.now.advanced(by: .seconds(max(lifetime - Self.margin, lifetime / 2))))
        }
        pending = task
        defer { pending = nil }
        let fresh = try await task.value
        BotMetrics.tokenRefreshed(platform: platform)
        cached = fresh
        return fresh.value
    }

    /// Forgets `value` if it is still the cached token.
    func invalidate(_ value: String) {
        if cached?.value == value { cached = nil }
    }

    /// Runs `body` with a token; when it fails because the token expired, once more with a new one.
    nonisolated func using<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let first = try await token()
        do {
            return try await body(first)
        } catch let error as any ExpiringTokenError where error.isTokenExpiry {
            await invalidate(first)
            return try await body(try await token())
        }
    }
}

/// A platform's error that can say the access token it was given has expired.
protocol ExpiringTokenError: Error {
    var isTokenExpiry: Bool { get }
}
