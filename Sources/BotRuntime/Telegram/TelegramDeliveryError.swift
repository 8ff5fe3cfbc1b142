extension DeliveryError {
    /// How a failed Bot API call reads to the outbox: wait, retry, drop the message, or stop the bot.
    static func telegram(_ error: any Error) -> DeliveryError {
        guard let error = error as? TelegramError else { return .transient("\(error)") }
        switch error {
        case .retryAfter(let seconds): return .retryAfter(seconds: Double(seconds))
        case .transient(let detail): return .transient(detail)
        case .rejected(_, let detail): return .rejected(detail)
        case .unauthorized, .conflict: return .fatal(error.description)
        }
    }
}
