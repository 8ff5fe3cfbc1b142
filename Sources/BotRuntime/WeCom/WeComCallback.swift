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

    func addRoutes(to router: Router<ListenerRequestContext>, context: TransportContext) {
        let callback = self
        let ledger = SignedCallbackLedger(journal: .store(WeComTransport.name + ".sign", of: context.dispatcher))
        router.get(RouterPath(path)) { request, requestContext -> Response in
            callback.verifyURL(request, client: requestContext.client, context: context)
        }
        router.post(RouterPath(path)) { request, requestContext -> Response in
            try await callback.receive(request, client: requestContext.client, context: context, ledger: ledger)
        }
    }

    /// The longest echostr plaintext answered. WeCom's is a short random number; a message is XML and longer.
    static let maxEchoBytes = 128

    /// URL verification: the signature covers `echostr`, whose plaintext is the answer. A message's `Encrypt` is signed
    /// the same way, so a captured message sent as echostr would be answered in plaintext: only what looks like
    /// WeCom's random echostr (short, no XML) is echoed; anything else is refused with 400 and a short reason.
    func verifyURL(_ request: Request, client: String, context: TransportContext) -> Response {
        let logger = context.logger
        let query = request.uri.queryParameters
        guard let signature = query["msg_signature"], let timestamp = query["timestamp"], let nonce = query["nonce"],
            let echo = query["echostr"], echo.utf8.count <= 1024
        else {
            context.refuse("WeCom URL verification without its parameters refused", client: client)
            return Response(status: .badRequest)
        }
        do {
            let plain = try cipher.open(
                signature: String(signature), timestamp: String(timestamp), nonce: String(nonce),
                encrypted: String(echo))
            guard Self.isEcho(plain) else {
                context.refuse(
                    "WeCom URL verification refused: the echostr is not a verification string", client: client)
                return Response(
                    status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "not a verification echostr")))
            }
            logger.notice("WeCom callback URL verified")
            return Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: plain)))
        } catch {
            context.refuse("WeCom URL verification refused", client: client, ["error": "\(error)"])
            return Response(status: .forbidden)
        }
    }

    /// Whether a decrypted echostr may be answered: at most `maxEchoBytes` bytes, not starting with `<` (after any
    /// white space) and without `<xml` anywhere, in any case.
    static func isEcho(_ plain: String) -> Bool {
        plain.utf8.count <= maxEchoBytes && !plain.drop(while: \.isWhitespace).hasPrefix("<")
            && !plain.lowercased().contains("<xml")
    }

    /// A member's message: the outer body is read by a flat scan for its one `Encrypt` value (no XML parser before
    /// the signature), the signature is checked in constant time, the timestamp must be within five minutes of this
    /// machine's clock and the signature unused (`SignedCallbackLedger`); only then is the value decrypted and the
    /// inner XML parsed.
    func receive(
        _ request: Request, client: String, context: TransportContext, ledger: SignedCallbackLedger
    ) async throws -> Response {
        let query = request.uri.queryParameters
        guard let signature = query["msg_signature"], let timestamp = query["timestamp"], let nonce = query["nonce"]
        else {
            context.refuse("WeCom callback without its signature parameters refused", client: client)
            return Response(status: .badRequest)
        }
        guard let body = await HTTPServer.body(of: request, limit: HTTPServer.maxCallbackBody) else {
            context.refuse("WeCom callback over the size limit refused", client: client)
            return Response(status: .contentTooLarge)
        }
        guard let encrypted = WeComEnvelope.encrypt(body.readableBytesView) else {
            context.refuse("WeCom callback without exactly one Encrypt element refused", client: client)
            return Response(status: .badRequest)
        }
        // Signature first, in constant time: nothing from an unsigned body is decrypted or stored.
        guard
            cipher.verify(
                signature: String(signature), timestamp: String(timestamp), nonce: String(nonce), encrypted: encrypted)
        else {
            context.refuse("WeCom callback with a wrong signature refused", client: client)
            return Response(status: .forbidden)
        }
        let use: SignedCallbackLedger.Use
        do {
            use = try await ledger.admit(signature: String(signature), timestamp: String(timestamp))
        } catch {
            context.refuse(
                "WeCom callback refused: stale or replayed", client: client, ["reason": "\(error)"])
            return Response(status: .forbidden)
        }
        let xml: String
        do {
            xml = try cipher.decrypt(encrypted)
        } catch {
            context.refuse("WeCom callback that does not decrypt refused", client: client, ["error": "\(error)"])
            return Response(status: error == .wrongReceiveID ? .forbidden : .badRequest)
        }
        guard let fields = try? WeComXML.fields(xml) else {
            context.refuse("WeCom callback whose decrypted XML is unreadable refused", client: client)
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
        do {
            try await context.dispatcher.handleOnce(
                message, transport: WeComTransport.name, deliveryID: deliveryID, signature: use)
        } catch {
            // Not stored: WeCom's retry of this very request must get through.
            await ledger.release(use)
            throw error
        }
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
