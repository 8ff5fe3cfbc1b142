import CampaignCore
import CampaignIntents
import Foundation
import Logging
import ServiceLifecycle

/// Applies the retention date every day (just after midnight, Asia/Shanghai): once it has passed, visits' students
/// and notes are erased everywhere on disk. `Bot.open` applies it at start as well.
struct RetentionService: Service {
    let dispatcher: Dispatcher
    let storeDirectory: URL
    let clock: any CampaignClock
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    let today = CampaignTime.local(clock.now()).date
                    let tomorrow = CampaignTime.instant(today.adding(days: 1), minutes: 5)
                    try await clock.sleep(until: tomorrow)
                    await apply()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    func apply() async {
        do {
            if let report = try await dispatcher.applyRetentionIfDue(storeDirectory: storeDirectory) {
                logger.notice(
                    "retention date passed: visits' student data erased",
                    metadata: ["visits": "\(report.visits.count)", "files": "\(report.files.count)"])
            }
        } catch {
            logger.error("could not apply the retention date; retried tomorrow", metadata: ["error": "\(error)"])
        }
    }
}
