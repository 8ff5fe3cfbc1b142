import CampaignCore
import CampaignIntents
import CampaignStorage
import Foundation
import Logging
import ServiceLifecycle

/// Keeps `backups/` fresh while the bot runs: every day at 03:30 (Asia/Shanghai, on the bot's clock) the journal's
/// entries since the last backup are copied into `backups/` (with the snapshot, when no backup can rebuild it), checked
/// first, and old generations pruned. Opening the store and every compaction back it up as well, so the newest backup
/// is at most a day behind. Backups made here are ordinary backups: the retention purge and 评议's forgetting rewrite
/// them like every other (`JSONStore.backUp` runs one at a time with those rewrites).
struct BackupService: Service {
    let store: CampaignStore
    let clock: any CampaignClock
    let logger: Logger

    /// Minutes after local midnight: quiet hours, after the retention purge (00:05), before reminders (08:00).
    static let minuteOfDay = 3 * 60 + 30

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await clock.sleep(until: Self.next(after: clock.now()))
                    await backUp()
                }
            }
        } catch is CancellationError {
            return
        }
    }

    /// The next 03:30 strictly after `now`.
    static func next(after now: Date) -> Date {
        let today = CampaignTime.local(now).date
        let candidate = CampaignTime.instant(today, minutes: minuteOfDay)
        return candidate > now ? candidate : CampaignTime.instant(today.adding(days: 1), minutes: minuteOfDay)
    }

    func backUp() async {
        do {
            let written = try await store.backUp()
            logger.debug("daily backup", metadata: ["files": "\(written.count)"])
        } catch StoreError.closed {
            return
        } catch {
            logger.error(
                "could not back up the store; the older backups are kept, retried tomorrow",
                metadata: ["error": "\(error)"])
        }
    }
}
