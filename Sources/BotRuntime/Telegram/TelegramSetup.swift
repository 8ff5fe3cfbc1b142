extension TelegramTransport {
    package static let setupHint = "Telegram: CXZY_TELEGRAM_TOKEN"
}
