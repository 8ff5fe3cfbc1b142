import CampaignCore
import Foundation
import Logging

/// What the outbox sender does with a message that asks for media, before handing it to the platform: makes it
/// (in the sending task of that chat only, so nobody else waits), or — where the platform cannot carry it — adds
/// the fallback note; a failure becomes a clear line for the person and an error line for the operator.
struct MediaPreparer: Sendable {
    let maker: MediaMaker?
    let sendsMedia: Bool
    /// The connected platforms that can carry files, named in the note where this one cannot.
    let elsewhere: [String]
    let logger: Logger

    func prepare(_ message: OutboxMessage) async -> (message: OutboxMessage, media: RenderedMedia?) {
        guard let request = message.media else { return (message, nil) }
        var message = message
        guard sendsMedia else {
            if let note = request.fallbackNote(elsewhere: elsewhere) { message.text += "\n" + note }
            return (message, nil)
        }
        do {
            guard let maker else { throw MediaMaker.NoRenderer() }
            return (message, try await maker.make(request, for: message))
        } catch {
            logger.error(
                "could not make the picture or document of a message; sending the text with a note",
                metadata: ["outbox_id": "\(message.id)", "media": "\(request)", "error": "\(error)"])
            if request.isChart {
                message.text += "\n" + request.failureNote
            } else {
                message.text = request.failureNote
            }
            return (message, nil)
        }
    }
}
