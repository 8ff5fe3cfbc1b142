import CampaignIntents
import Foundation

/// Pledges: which star a person may strive for, and the deadline.
extension Turn {
    mutating func pledge(_ person: Person, _ star: Star, _ text: String) throws {
        if try refusedAfterCampaign() { return }
        guard let rule = campaign.rule(for: star) else {
            try reply(t("本次活动没有\(star.chineseName)。", "This campaign has no \(star.englishName)."))
            return
        }
        guard person.mayStrive(for: rule) else {
            let allowed = campaign.stars.filter { person.mayStrive(for: $0) }.map(\.star.chineseName)
            try reply(
                t(
                    "\(star.chineseName)面向\(rule.eligibility)。按名单，您的角色是\(roleText(person))，不能申报\(star.chineseName)。"
                        + (allowed.isEmpty ? "" : "您可以申报：\(allowed.joined(separator: "、"))。") + "如名单有误，请联系管理员。",
                    "The \(star.englishName) is for \(rule.eligibility). Your roster roles do not include that."))
            return
        }
        let existing = state.pledges(of: person.staffID).first { $0.star == star }
        let late = today > campaign.pledgeDeadline
        let pledge = Pledge(
            id: existing?.id ?? state.nextID("P"), staffID: person.staffID, star: star, text: text,
            at: now, late: existing?.late ?? late)
        try emit(.pledge(pledge))
        let needs = rule.requirements.map(\.name).joined(separator: "、")
        var text =
            existing == nil
            ? t(
                "已登记承诺 \(pledge.id)：\(star.chineseName)——\(text)",
                "Pledge \(pledge.id) recorded: \(star.englishName) — \(text)")
            : t(
                "已更新您的\(star.chineseName)承诺 \(pledge.id)：\(text)",
                "Your \(star.englishName) pledge \(pledge.id) is updated: \(text)")
        text += t(
            "\n完成\(star.chineseName)需要：\(needs)。完成后请用“提交”上报。",
            "\nTo complete it: \(needs). Report finished work with /submit.")
        if late && existing == nil {
            text += t(
                "\n（申报截止日期是\(campaign.pledgeDeadline.chinese)，本次记为逾期申报。）",
                "\n(The deadline was \(campaign.pledgeDeadline); recorded as late.)")
        }
        try reply(text)
    }

    func roleText(_ person: Person) -> String {
        person.roles.isEmpty ? "（未填写）" : person.roles.map(\.chineseName).joined(separator: "、")
    }
}
