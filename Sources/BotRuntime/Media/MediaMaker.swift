package import CampaignCore
import CampaignIntents
import Foundation

/// Makes the picture or document an outbox message asks for, when it is sent: charts and the report through the
/// renderer the executable gave at boot, attached files from beside the store. Nothing it makes is kept.
package struct MediaMaker: Sendable {
    package let renderer: (any MediaRenderer)?
    package let intake: FileIntake
    package let campaign: Campaign
    let state: @Sendable () async -> BotState

    package init(
        renderer: (any MediaRenderer)?, intake: FileIntake, campaign: Campaign,
        state: @escaping @Sendable () async -> BotState
    ) {
        self.renderer = renderer
        self.intake = intake
        self.campaign = campaign
        self.state = state
    }

    package struct NoRenderer: Error, CustomStringConvertible {
        package var description: String { "no chart/report renderer was configured for this bot" }
    }

    /// The media for `message`; throws when it cannot be made (a missing tool, a renderer error, a missing file).
    package func make(_ request: MediaRequest, for message: OutboxMessage) async throws -> RenderedMedia {
        if case .storedFile(let file) = request {
            return RenderedMedia(
                fileName: file.fileName, mimeType: file.mimeType, data: try intake.data(file),
                isPicture: file.kind.isImage)
        }
        guard let renderer else { throw NoRenderer() }
        let intake = self.intake
        // Counts as of the day the person asked (a request rendered after a restart still says that day).
        return try await renderer.render(
            request, state: await state(), campaign: campaign,
            today: CampaignTime.local(message.createdAt).date,
            load: { try intake.data($0) })
    }
}
