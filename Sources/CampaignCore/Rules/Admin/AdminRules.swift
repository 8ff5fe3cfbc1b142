import CampaignIntents
import Foundation

/// Secretary and admin commands beyond the reports: notices to everyone, and the export.
extension Turn {
    /// A notice to everyone (`branch` nil) or to one branch; the staff group's robot only hears school-wide notices.
    mutating func broadcast(_ sender: Person, _ text: String, branch: String?) throws {
        var reached = 0, unreachable = 0
        let heading = branch.map { "【\($0)通知】" } ?? "【通知】"
        for person in state.activePeople
        where person.staffID != sender.staffID && (branch == nil || person.branch == branch) {
            if try notify(person, heading + text + "\n——" + sender.name, kind: .broadcast) {
                reached += 1
            } else {
                unreachable += 1
            }
        }
        for channel in engine.broadcastChannels where branch == nil {
            try emit(
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID, to: channel, text: "【通知】" + text + "\n——" + sender.name,
                        kind: .broadcast, createdAt: now)))
        }
        try reply(
            t(
                "通知已发给 \(reached) 人。" + (unreachable > 0 ? "另有 \(unreachable) 人尚未绑定或从未私聊过我，暂时收不到。" : "")
                    + (engine.broadcastChannels.isEmpty || branch != nil ? "" : "并已发到教职工群。"),
                "Notice sent to \(reached) people."
                    + (unreachable > 0 ? " \(unreachable) have not linked a chat yet and cannot receive it." : "")))
    }

    mutating func export(_ person: Person) throws {
        guard !message.isGroup else {
            try reply(
                t("导出的数据含个人信息，请在与我的私聊中使用“导出”。", "Exports contain personal data; please use /export in a private chat."))
            return
        }
        let stamp = CampaignTime.format(now).prefix(16).replacingOccurrences(of: ":", with: "")
        let text = t(
            "导出完成：承诺 \(state.pledges.count) 条，示范课 \(state.lessons.count) 条，家访 \(state.visits.count) 条，成果 \(state.works.count) 条。文件为 UTF-8 CSV，可直接用 Excel 打开。",
            "Export ready: \(state.pledges.count) pledges, \(state.lessons.count) lessons, \(state.visits.count) visits, \(state.works.count) works (CSV, UTF-8)."
        )
        let state = state
        // The records as every other answer counts them today (a lesson past its day unconfirmed is 待确认).
        let query = CampaignQuery(state: state, campaign: campaign, asOf: today)
        try replyPrivately(inGroup: text) { reader in
            let csv = Export.csv(state: state, what: .all, query: query, reader: reader)
            return (text, Attachment(fileName: "cxzy-export-\(stamp).csv", mimeType: "text/csv", content: csv))
        }
        // 评选表彰 and 对标定位 have columns of their own: one more file each, when there is something in it.
        if !state.awards.isEmpty {
            try reply(
                t(
                    "表彰名单：\(state.awards.count) 条（含待确认、已驳回和已撤销的）。",
                    "Commendations: \(state.awards.count) (with proposals, rejections and revocations)."),
                attachment: Attachment(
                    fileName: "cxzy-awards-\(stamp).csv", mimeType: "text/csv",
                    content: AwardAndBenchmarkTable.awards.csv(state: state, codes: false)))
        }
        if !state.benchmarks.isEmpty {
            try reply(
                t("对标定位：\(state.benchmarks.count) 条。", "Benchmarks: \(state.benchmarks.count)."),
                attachment: Attachment(
                    fileName: "cxzy-benchmarks-\(stamp).csv", mimeType: "text/csv",
                    content: AwardAndBenchmarkTable.benchmarks.csv(state: state, codes: false)))
        }
        // One row per person: the figures of 统计, 未完成 and the report, with the ids of the person's records.
        try reply(
            t(
                "进度汇总：每人一行，与“统计”“未完成”和简报的数字一致（截至\(today.chinese)）。",
                "Progress: one row per person, the same figures as /stats, /missing and the report (as of \(today))."),
            attachment: Attachment(
                fileName: "cxzy-progress-\(stamp).csv", mimeType: "text/csv", content: Export.progressCSV(query: query))
        )
    }
}
