import CampaignCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat

/// Telegram's webhook: updates posted to `path` with the secret token in a header, each handled once by its
/// `update_id`.
struct TelegramWebhook: Sendable {
    let path: String
    let secret: String
    /// To fetch photos and documents sent in private chats (nil: they are read as their caption only).
    var api: TelegramAPI? = nil

    static let secretHeader = HTTPField.Name("X-Telegram-Bot-Api-Secret-Token") ?? .authorization

    func addRoute(to router: Router<ListenerRequestContext>, context: TransportContext) {
        let secret = self.secret
        let api = self.api
        router.post(RouterPath(path)) { request, requestContext -> Response in
            // Constant-time check, before reading the body: nothing is stored for a wrong or missing secret.
            let given = request.headers[Self.secretHeader] ?? ""
            guard constantTimeEqual(given, secret) else {
                context.refuse(
                    "Telegram webhook request with a wrong or missing secret token refused",
                    client: requestContext.client)
                return Response(status: .unauthorized)
            }
            guard let body = await HTTPServer.body(of: request) else {
                context.refuse("Telegram webhook update over the size limit refused", client: requestContext.client)
                return Response(status: .contentTooLarge)
            }
            guard let update = try? JSONDecoder().decode(TelegramObjects.Update.self, from: Data(buffer: body)) else {
                context.refuse("unreadable Telegram webhook update refused", client: requestContext.client)
                return Response(status: .badRequest)
            }
            // 200 only after the durable commit: otherwise Telegram delivers the update again.
            let message: IncomingMessage?
            if let api {
                message = await TelegramTransport.incoming(
                    update, api: api, intake: context.bot.intake, logger: context.logger)
            } else {
                message = TelegramTransport.incoming(update)
            }
            // The update_id names this delivery, so Telegram's retries of it are skipped. It is not an order: updates
            // may come out of order over several connections, and after a week without updates Telegram starts again
            // at a random id, lower or higher. No position is kept, so no id can hold back the ones after it.
            try await context.dispatcher.handleOnce(
                message, transport: TelegramTransport.name, deliveryID: String(update.update_id))
            await context.health.polled(TelegramTransport.name, at: context.clock.now())
            return Response(status: .ok)
        }
    }
}
