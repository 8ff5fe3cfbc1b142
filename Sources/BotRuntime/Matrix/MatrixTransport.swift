import CampaignCore
import Foundation
import Logging
import ServiceLifecycle

/// Matrix as a transport (Client-Server API v3).
public enum MatrixTransport {
    public static let name = "matrix"

    static func services(config: Configuration.Matrix, bot: Bot, health: Health, clock: any CampaignClock,
                         logger: Logger) async throws -> [any Service] {
        throw BotService.StartupError("the Matrix transport is not available in this version; remove the CXZY_MATRIX_* settings to run on Telegram")
    }
}
