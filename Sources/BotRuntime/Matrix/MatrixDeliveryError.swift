extension DeliveryError {
    /// How a failed homeserver call reads to the outbox: wait, retry, drop the message, or stop the bot.
    static func matrix(_ error: any Error) -> DeliveryError {
        guard let error = error as? MatrixError else { return .transient("\(error)") }
        switch error {
        case .retryAfter(let seconds): return .retryAfter(seconds: seconds)
        case .transient(let detail): return .transient(detail)
        case .rejected(_, let detail): return .rejected(detail)
        case .unauthorized: return .fatal(error.description)
        }
    }
}
