import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Logging
import CampaignStorage

/// `cxzy calendar`: the campaign's phases and milestones.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "Print the campaign's phases and milestones.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the whole campaign as a campaign file (JSON) to start your own from.") var json = false

    func run() async throws {
        let campaign: Campaign
        do { campaign = try global.loadCampaign() } catch let error as OperatorError { fail(error) }
        if json {
            print(String(decoding: try CampaignFile.encode(campaign), as: UTF8.self))
            return
        }
        let today = CampaignTime.local(global.clock().now()).date
        print(campaign.name)
        for phase in campaign.phases {
            let mark = phase.span.contains(today) ? "  ← 当前" : ""
            print("第\(phase.number)阶段  \(phase.span.from) — \(phase.span.to)  \(phase.name)\(mark)")
            print("        \(phase.summary)")
        }
        print("")
        print("节点：")
        for m in campaign.milestones.sorted(by: { $0.date < $1.date }) {
            let offsets = m.offsets.sorted(by: >).map { "\($0)" }.joined(separator: "/")
            print("  \(m.date) \(m.date.chineseWeekday)  \(m.name)（提前 \(offsets) 天提醒）")
        }
        print("")
        print("承诺申报截止：\(campaign.pledgeDeadline)")
        print("三星：")
        for rule in campaign.stars {
            print(
                "  \(rule.star.chineseName)（\(rule.eligibility)）："
                    + rule.requirements.map(\.name).joined(separator: " + "))
        }
        print("党员示范课：一线党员教师，第\(campaign.lessonPhase)阶段内，组内一节；各支部推荐一节参加全校展示。")
    }
}
