package import CampaignCore
import CampaignIntents
import CampaignStorage
package import Foundation

/// What an erasure did (or, on a dry run, would do).
package struct ErasureReport: Sendable, Equatable {
    /// The visits whose student data went.
    package var visits: [String] = []
    /// Content files (sha256) that only those visits used, deleted.
    package var files: [String] = []
    /// Exported files under `exports/` that held some of it, rewritten.
    package var exports: [String] = []
    /// Backup files rewritten.
    package var backupsRewritten = false
}

/// Erases visits' student data everywhere on disk: the state (one commit), then every backup (a compaction that
/// rewrites them), the visits' attached files and the console's exports. Student names and notes are kept until the
/// campaign's retention date; after it the bot applies this at start and every day, and `cxzy privacy` on request.
extension Dispatcher {
    /// Applies `scope` as of `now`; with `dryRun` reports what it would change and changes nothing.
    package func eraseStudentData(_ scope: ErasureScope, storeDirectory: URL, dryRun: Bool = false) async throws
        -> ErasureReport
    {
        let state = await store.state
        let ids = state.visitsToErase(scope)
        var report = ErasureReport(visits: ids, files: state.filesOnlyOn(ids))
        guard !ids.isEmpty else { return report }
        let stateWords = state.studentData(of: ids)
        let exportsFolder = storeDirectory.appendingPathComponent("exports", isDirectory: true)
        if dryRun {
            report.exports = StudentDataRewrite.exportsHolding(stateWords, in: exportsFolder)
            return report
        }
        try await commit([.eraseStudentData(visits: ids)])
        // The old snapshot and journal go to the backups first, so one scan of the backups sees every copy.
        try await store.compact()
        let backups = try await store.readBackups()
        let words = stateWords + StudentDataRewrite.studentData(in: backups, visits: Set(ids))
        try await store.compact(rewritingHistory: StudentDataRewrite.rewrite(words: words, visits: Set(ids)))
        report.backupsRewritten = true
        let files = ContentFiles(storeDirectory: storeDirectory)
        for hash in report.files where files.contains(hash) {
            try FileManager.default.removeItem(atPath: files.path(hash))
        }
        report.exports = try StudentDataRewrite.scrubExports(words, in: exportsFolder)
        return report
    }

    /// The retention date has passed and some visit still holds student data: erase it all. Returns nil when there
    /// was nothing to do.
    package func applyRetentionIfDue(storeDirectory: URL) async throws -> ErasureReport? {
        let today = CampaignTime.local(clock.now()).date
        guard today > engine.campaign.studentDataRetainedUntil else { return nil }
        guard !(await store.state).visitsToErase(.retention).isEmpty else { return nil }
        return try await eraseStudentData(.retention, storeDirectory: storeDirectory)
    }
}
