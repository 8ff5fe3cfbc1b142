import CampaignIntents
import Foundation

/// Pledges: which star a person may strive for, and the deadline.
extension Turn {
    mutating func pledge(_ person: Person, _ star: Star, _ written: String) throws {
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
        // 再加一条：…, 补充：…, 追加…: added to the pledge's text, not instead of it.
        let addition = Self.pledgeAddition(written)
        let text = addition.map { added in existing.map { $0.text + "；" + added } ?? added } ?? written
        let late = today > campaign.pledgeDeadline
        // Pledging a star again rewords the pledge: it keeps its id, the day it was made and whether it was late.
        let pledge = Pledge(
            id: existing?.id ?? state.nextID("P"), staffID: person.staffID, star: star, text: text,
            at: existing?.at ?? now, late: existing?.late ?? late)
        if let existing {
            // What the pledge said before is kept in its history (历史 P-0001).
            let before = t(
                "承诺 \(existing.id)：\(existing.star.chineseName)——\(existing.text)",
                "pledge \(existing.id): \(existing.star.englishName) — \(existing.text)")
            try emit(
                .amend(
                    .pledge(pledge),
                    entry: RecordHistoryEntry(
                        at: now, by: person.staffID, action: addition != nil ? "补充" : "修改", before: before)))
        } else {
            try emit(.pledge(pledge))
        }
        let needs = rule.requirements.map(\.name).joined(separator: "、")
        var answer =
            existing == nil
            ? t(
                "已登记承诺 \(pledge.id)：\(star.chineseName)——\(text)",
                "Pledge \(pledge.id) recorded: \(star.englishName) — \(text)")
            : addition != nil
                ? t(
                    "已在您的\(star.chineseName)承诺 \(pledge.id) 后补充：\(addition ?? "")\n现在的承诺：\(text)\n（原内容已留档：历史 \(pledge.id)）",
                    "Added to your \(star.englishName) pledge \(pledge.id): \(addition ?? "")\nNow: \(text)\n(The earlier text is kept: /history \(pledge.id))"
                )
                : t(
                    "已更新您的\(star.chineseName)承诺 \(pledge.id)：\(text)\n（原内容已留档：历史 \(pledge.id)；只想补充一条时写：承诺 \(star.chineseName) 再加一条：…）",
                    "Your \(star.englishName) pledge \(pledge.id) is updated: \(text)\n(The earlier text is kept: /history \(pledge.id))"
                )
        answer += t(
            "\n完成\(star.chineseName)需要：\(needs)。完成后请用“提交”上报。",
            "\nTo complete it: \(needs). Report finished work with /submit.")
        if late && existing == nil {
            answer += t(
                "\n（申报截止日期是\(campaign.pledgeDeadline.chinese)，本次记为逾期申报。）",
                "\n(The deadline was \(campaign.pledgeDeadline); recorded as late.)")
        }
        try reply(answer)
    }

    /// Words that add to a pledge rather than reword it.
    static let pledgeAdditionWords = [
        "再加一条", "再加一项", "再加上", "再加", "补充一条", "补充一项", "补充", "追加一条", "追加一项", "追加", "另加一条", "增加一条",
    ]

    /// The text to add, when the pledge's text starts with 再加/补充/追加; nil otherwise.
    static func pledgeAddition(_ text: String) -> String? {
        guard let word = pledgeAdditionWords.first(where: { text.hasPrefix($0) }) else { return nil }
        let rest = text.dropFirst(word.count).drop { " ：:，,".contains($0) }
        return rest.isEmpty ? nil : String(rest)
    }

    func roleText(_ person: Person) -> String {
        person.roles.isEmpty ? "（未填写）" : person.roles.map(\.chineseName).joined(separator: "、")
    }
}
