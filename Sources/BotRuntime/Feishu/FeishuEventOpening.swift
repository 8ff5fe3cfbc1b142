import Foundation

/// Opens an event callback's body: with an Encrypt Key, a signed body's `X-Lark-Signature` is checked before anything
/// is decrypted and its timestamp must be fresh; an unsigned one is decrypted only when it is small enough to be the
/// URL check, and must be one. A file of its own, with Foundation only (and `FeishuCipher`, `FeishuEvent`,
/// `CallbackTimestamp`), so the fuzz targets compile it as it is.
struct FeishuEventOpener: Sendable {
    let cipher: FeishuCipher?

    /// An event and, when it came signed, its signature and timestamp.
    struct Opened {
        var event: FeishuEvent
        var signature: (signature: String, timestamp: String)?
    }

    /// The longest body opened without a signature: the URL check, the one unsigned request, is a few hundred bytes.
    static let maxUnsignedBody = 1024
    /// How far a signed request's timestamp may be from this machine's clock.
    static let window: TimeInterval = 300

    struct Refusal: Error {
        enum Status: Sendable { case badRequest, forbidden }
        var status: Status
        var reason: String
    }

    /// The event in `body`, with the headers `X-Lark-Signature` (`signature`), `X-Lark-Request-Timestamp` and
    /// `X-Lark-Request-Nonce`; `now` is this machine's clock.
    func open(_ body: [UInt8], signature: String?, timestamp: String, nonce: String, now: Date) -> Result<
        Opened, Refusal
    > {
        struct Envelope: Decodable { var encrypt: String? }
        guard let cipher else {
            guard let event = try? JSONDecoder().decode(FeishuEvent.self, from: Data(body)) else {
                return .failure(Refusal(status: .badRequest, reason: "the event is not JSON"))
            }
            return .success(Opened(event: event))
        }
        var signed: (signature: String, timestamp: String)?
        if let signature {
            guard cipher.verify(signature: signature, timestamp: timestamp, nonce: nonce, body: body) else {
                return .failure(Refusal(status: .forbidden, reason: "the X-Lark-Signature does not match"))
            }
            // Stale requests are refused before decrypting too; the ledger checks again and remembers the signature.
            guard CallbackTimestamp.seconds(timestamp, now: now, window: Self.window) != nil else {
                return .failure(
                    Refusal(
                        status: .forbidden, reason: "the timestamp is missing or too far from this machine's clock"))
            }
            signed = (signature, timestamp)
        } else if body.count > Self.maxUnsignedBody {
            return .failure(Refusal(status: .forbidden, reason: "an event without X-Lark-Signature"))
        }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(body)) else {
            return .failure(Refusal(status: .badRequest, reason: "the body is not JSON"))
        }
        guard let encrypted = envelope.encrypt else {
            return .failure(Refusal(status: .forbidden, reason: "a plaintext body, but an Encrypt Key is configured"))
        }
        let plaintext: Data
        do {
            plaintext = Data(try cipher.decrypt(encrypted).utf8)
        } catch {
            return .failure(Refusal(status: .badRequest, reason: error.description))
        }
        guard let event = try? JSONDecoder().decode(FeishuEvent.self, from: plaintext) else {
            return .failure(Refusal(status: .badRequest, reason: "the decrypted event is not JSON"))
        }
        // Only the URL check comes unsigned.
        guard signed != nil || event.type == "url_verification" else {
            return .failure(Refusal(status: .forbidden, reason: "an event without X-Lark-Signature"))
        }
        return .success(Opened(event: event, signature: signed))
    }
}
