import CampaignCore
import CampaignIntents
import Foundation
import Hummingbird
import Logging

/// The app's callback URL (接收消息): `GET` answers WeCom's URL verification; `POST` receives the members' messages,
/// encrypted and signed. A message is answered with an empty 200 only after its effects and its `MsgId` are durable,
/// so WeCom's retries (it sends again when no answer came within 5 s) are recognised and skipped.
struct WeComCallback: Sendable {
    let path: String
    let cipher: CallbackCipher
    let corpID: String
    let agentID: Int

    func addRoutes(to router: Router<BasicRequestContext>, context: TransportContext) {
        let callback = self
        router.get(RouterPath(path)) { request, _ -> Response in
            callback.verifyURL(request, logger: context.logger)
        }
        router.post(RouterPath(path)) { request, _ -> Response in
            try await callback.receive(request, context: context)
        }
    }

    /// The longest echostr plaintext answered. WeCom's is a short random number; a message is XML and longer.
    static let maxEchoBytes = 128

    /// URL verification: the signature covers `echostr`, whose plaintext is the answer. A message's `Encrypt` is signed
    /// the same way, so a captured message sent as echostr would be answered in plaintext: only what looks like
    /// WeCom's random echostr (short, no XML) is echoed; anything else is refused with 400 and a short reason.
    func verifyURL(_ request: Request, logger: Logger) -> Response {
        let query = request.uri.queryParameters
        guard let signature = query["msg_signature"], let timestamp = query["timestamp"], let nonce = query["nonce"],
            let echo = query["echostr"]
        else {
            return Response(status: .badRequest)
        }
        do {
            let plain = try cipher.open(
                signature: String(signature), timestamp: String(timestamp), nonce: String(nonce),
                encrypted: String(echo))
            guard Self.isEcho(plain) else {
                logger.warning("WeCom URL verification refused: the echostr is not a verification string")
                return Response(
                    status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "not a verification echostr")))
            }
            logger.notice("WeCom callback URL verified")
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: plain)))
        } catch {
            logger.warning("WeCom URL verification refused", metadata: ["error": "\(error)"])
            return Response(status: .forbidden)
        }
    }

    /// Whether a decrypted echostr may be answered: at most `maxEchoBytes` bytes, not starting with `<` (after any
    /// white space) and without `<xml` anywhere, in any case.
    static func isEcho(_ plain: String) -> Bool {
        plain.utf8.count <= maxEchoBytes && !plain.drop(while: \.isWhitespace).hasPrefix("<")
            && !plain.lowercased().contains("<xml")
    }

    func receive(_ request: Request, context: TransportContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let signature = query["msg_signature"], let timestamp = query["timestamp"], let nonce = query["nonce"]
        else {
            return Response(status: .badRequest)
        }
        guard let body = await HTTPServer.body(of: request) else { return Response(status: .contentTooLarge) }
        guard let outer = try? WeComXML.fields(String(buffer: body)), let encrypted = outer["Encrypt"] else {
            context.logger.warning("WeCom callback without a readable Encrypt element refused")
            return Response(status: .badRequest)
        }
        let xml: String
        do {
            // Signature first, in constant time: nothing from an unsigned body is decrypted or stored.
            xml = try cipher.open(
                signature: String(signature), timestamp: String(timestamp), nonce: String(nonce),
                encrypted: encrypted)
        } catch {
            context.logger.warning("WeCom callback refused", metadata: ["error": "\(error)"])
            switch error {
            case .badSignature, .wrongReceiveID: return Response(status: .forbidden)
            default: return Response(status: .badRequest)
            }
        }
        guard let fields = try? WeComXML.fields(xml) else {
            context.logger.warning("WeCom callback whose decrypted XML is unreadable refused")
            return Response(status: .badRequest)
        }
        if let agent = fields["AgentID"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), agent != agentID {
            context.logger.warning("WeCom callback for another app ignored", metadata: ["agent": "\(agent)"])
            return Response(status: .ok)
        }
        guard let (message, deliveryID) = Self.incoming(fields, today: CampaignTime.local(context.clock.now()).date)
        else {
            return Response(status: .ok)
        }
        try await context.dispatcher.handleOnce(message, transport: WeComTransport.name, deliveryID: deliveryID)
        await context.health.polled(WeComTransport.name, at: context.clock.now())
        return Response(status: .ok)
    }

    /// The message a decrypted callback carries and the id WeCom's retries repeat; nil for events the bot ignores.
    static func incoming(_ fields: [String: String], today: CalendarDate) -> (IncomingMessage, String)? {
        guard let user = fields["FromUserName"], !user.isEmpty else { return nil }
        let identity = ChatIdentity(transport: WeComTransport.name, user: user)
        let chat = ChatAddress(transport: WeComTransport.name, chat: user)
        let msgID = fields["MsgId"].flatMap { $0.isEmpty ? nil : $0 }
        let fallbackID = "\(user):\(fields["CreateTime"] ?? "")"
        switch fields["MsgType"] {
        case "text":
            let text = fields["Content"] ?? ""
            return (IncomingMessage(identity: identity, chat: chat, messageID: msgID, text: text), msgID ?? fallbackID)
        case "event":
            // Opening the app (or joining it) is greeted with the menu, once a day at most.
            guard let event = fields["Event"], event == "enter_agent" || event == "subscribe" else { return nil }
            return (IncomingMessage(identity: identity, chat: chat, text: "帮助"), "welcome:\(user):\(today)")
        case nil:
            return nil
        default:
            // A picture, voice or file: the rules answer that only text commands are read.
            return (IncomingMessage(identity: identity, chat: chat, messageID: msgID, text: ""), msgID ?? fallbackID)
        }
    }
}
