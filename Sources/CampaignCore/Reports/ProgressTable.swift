import CampaignIntents
import Foundation

/// 导出's progress table (进度汇总): one row per person on the roster, as `CampaignQuery` has them on its day — each
/// star pledged and what it lacks, the demo lesson's status, the visits, works, 对标, what is 未完成, and the ids of
/// the person's records (to find them in the records file). The same figures 统计, 未完成 and the report show.
extension Export {
    package static func progressCSV(query: CampaignQuery, branch: String? = nil) -> String {
        let stars = query.campaign.stars.map(\.star)
        let header =
            ["工号", "姓名", "支部", "党员", "已申报", "全部完成"] + stars.map(\.chineseName) + [
                "示范课", "家访", "节假日家访", "成果", "对标定位", "未完成项数", "未完成", "记录",
            ]
        var text = "\u{FEFF}" + header.map(quote).joined(separator: ",") + "\r\n"
        for s in query.standings(branch: branch) {
            var fields = [
                s.person.staffID, s.person.name, s.person.branch, s.person.partyMember ? "是" : "",
                s.hasPledge ? "是" : "", s.completedAll ? "是" : "",
            ]
            for star in stars {
                if let progress = s.stars.first(where: { $0.star == star }) {
                    fields.append(
                        progress.complete ? "已完成" : "缺" + progress.missing.map(\.name).joined(separator: "、"))
                } else if let rule = query.campaign.rule(for: star), s.person.mayStrive(for: rule) {
                    fields.append("未申报")
                } else {
                    fields.append("")
                }
            }
            switch s.demoLesson {
            case nil: fields.append("")
            case .notBooked?: fields.append("未预约")
            case let status?:
                fields.append((status.state?.chineseName ?? "") + (status.lessonID.map { " " + $0 } ?? ""))
            }
            fields += [String(s.visits.count), String(s.holidayVisits.count), String(s.works.count)]
            fields.append(
                s.duty(.benchmark) == nil ? "" : s.benchmark.map { "已填写 " + $0.id } ?? "未填写")
            fields.append(String(s.owing.count))
            fields.append(s.owing.map { $0.chinese() }.joined(separator: "；"))
            let ids =
                s.pledges.map(\.id) + s.lessons.map(\.id) + s.visits.map(\.id) + s.works.map(\.id)
                + (s.benchmark.map { [$0.id] } ?? [])
            fields.append(ids.joined(separator: " "))
            text += fields.map(quote).joined(separator: ",") + "\r\n"
        }
        return text
    }
}
