import CampaignIntents
import Foundation

/// Secretary and admin commands beyond the reports: notices to everyone, and the export.
extension Turn {
    /// A notice to everyone (`branch` nil) or to one branch; the staff group's robot only hears school-wide notices.
    mutating func broadcast(_ sender: Person, _ text: String, branch: String?) throws {
        var reached = 0, unreachable = 0
        for person in state.activePeople
        where person.staffID != sender.staffID && (branch == nil || person.branch == branch) {
            if try notify(person, AdminReply.notice(text, branch: branch, sender: sender.name), kind: .broadcast) {
                reached += 1
            } else {
                unreachable += 1
            }
        }
        for channel in engine.broadcastChannels where branch == nil {
            try emit(
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID, to: channel,
                        text: words(AdminReply.notice(text, branch: nil, sender: sender.name)),
                        kind: .broadcast, createdAt: now)))
        }
        try reply(
            AdminReply.broadcast(
                reached: reached, unreachable: unreachable,
                toStaffGroup: !(engine.broadcastChannels.isEmpty || branch != nil)))
    }

    mutating func export(_ person: Person) throws {
        guard !message.isGroup else {
            try reply(AdminReply.exportInGroup)
            return
        }
        let stamp = CampaignTime.format(now).prefix(16).replacingOccurrences(of: ":", with: "")
        let exported = AdminReply.exported(
            pledges: state.pledges.count, lessons: state.lessons.count, visits: state.visits.count,
            works: state.works.count)
        let text = words(exported)
        let state = state
        // The records as every other answer counts them today (a lesson past its day unconfirmed is 待确认).
        let query = CampaignQuery(state: state, campaign: campaign, asOf: today)
        try replyPrivately(inGroup: exported) { reader in
            let csv = Export.csv(state: state, what: .all, query: query, reader: reader)
            return (text, Attachment(fileName: "cxzy-export-\(stamp).csv", mimeType: "text/csv", content: csv))
        }
        // 评选表彰 and 对标定位 have columns of their own: one more file each, when there is something in it.
        if !state.awards.isEmpty {
            try reply(
                AdminReply.awardsFile(state.awards.count),
                attachment: Attachment(
                    fileName: "cxzy-awards-\(stamp).csv", mimeType: "text/csv",
                    content: AwardAndBenchmarkTable.awards.csv(state: state, codes: false)))
        }
        if !state.benchmarks.isEmpty {
            try reply(
                AdminReply.benchmarksFile(state.benchmarks.count),
                attachment: Attachment(
                    fileName: "cxzy-benchmarks-\(stamp).csv", mimeType: "text/csv",
                    content: AwardAndBenchmarkTable.benchmarks.csv(state: state, codes: false)))
        }
        // One row per person: the figures of 统计, 未完成 and the report, with the ids of the person's records.
        try reply(
            AdminReply.progressFile(asOf: today),
            attachment: Attachment(
                fileName: "cxzy-progress-\(stamp).csv", mimeType: "text/csv", content: Export.progressCSV(query: query))
        )
    }
}
