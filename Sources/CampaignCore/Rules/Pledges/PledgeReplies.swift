package import CampaignIntents

/// What the pledge rule decided, and all of its words.
package enum PledgeReply: Reply, Equatable {
    /// The campaign has no such star.
    case noSuchStar(Star)
    /// The roster's roles do not open `star` to the person; `allowed`: the stars they may pledge.
    case notEligible(Star, eligibility: String, roles: [Role], allowed: [Star])
    /// A new pledge; `lateAfter`: the deadline it missed, when it did.
    case recorded(Pledge, needs: [String], lateAfter: CalendarDate?)
    /// `addition` was added to the pledge's text.
    case added(Pledge, addition: String, needs: [String])
    /// The pledge was reworded.
    case reworded(Pledge, needs: [String])
    /// What a pledge said, as its history keeps it.
    case earlierText(Pledge)

    package func text(english: Bool) -> String {
        switch self {
        case .noSuchStar(let star):
            return english ? "This campaign has no \(star.englishName)." : "本次活动没有\(star.chineseName)。"
        case .notEligible(let star, let eligibility, let roles, let allowed):
            if english {
                return "The \(star.englishName) is for \(eligibility). Your roster roles do not include that."
            }
            let roleText = roles.isEmpty ? "（未填写）" : roles.map(\.chineseName).joined(separator: "、")
            let names = allowed.map(\.chineseName)
            return "\(star.chineseName)面向\(eligibility)。按名单，您的角色是\(roleText)，不能申报\(star.chineseName)。"
                + (names.isEmpty ? "" : "您可以申报：\(names.joined(separator: "、"))。") + "如名单有误，请联系管理员。"
        case .recorded(let pledge, let needs, let lateAfter):
            var text =
                english
                ? "Pledge \(pledge.id) recorded: \(pledge.star.englishName) — \(pledge.text)"
                : "已登记承诺 \(pledge.id)：\(pledge.star.chineseName)——\(pledge.text)"
            text += Self.needsText(pledge.star, needs, english: english)
            if let lateAfter {
                text +=
                    english
                    ? "\n(The deadline was \(lateAfter); recorded as late.)"
                    : "\n（申报截止日期是\(lateAfter.chinese)，本次记为逾期申报。）"
            }
            return text
        case .added(let pledge, let addition, let needs):
            return
                (english
                ? "Added to your \(pledge.star.englishName) pledge \(pledge.id): \(addition)\nNow: \(pledge.text)\n(The earlier text is kept: /history \(pledge.id))"
                : "已在您的\(pledge.star.chineseName)承诺 \(pledge.id) 后补充：\(addition)\n现在的承诺：\(pledge.text)\n（原内容已留档：历史 \(pledge.id)）")
                + Self.needsText(pledge.star, needs, english: english)
        case .reworded(let pledge, let needs):
            return
                (english
                ? "Your \(pledge.star.englishName) pledge \(pledge.id) is updated: \(pledge.text)\n(The earlier text is kept: /history \(pledge.id))"
                : "已更新您的\(pledge.star.chineseName)承诺 \(pledge.id)：\(pledge.text)\n（原内容已留档：历史 \(pledge.id)；只想补充一条时写：承诺 \(pledge.star.chineseName) 再加一条：…）")
                + Self.needsText(pledge.star, needs, english: english)
        case .earlierText(let pledge):
            return english
                ? "pledge \(pledge.id): \(pledge.star.englishName) — \(pledge.text)"
                : "承诺 \(pledge.id)：\(pledge.star.chineseName)——\(pledge.text)"
        }
    }

    private static func needsText(_ star: Star, _ needs: [String], english: Bool) -> String {
        let needs = needs.joined(separator: "、")
        return english
            ? "\nTo complete it: \(needs). Report finished work with /submit."
            : "\n完成\(star.chineseName)需要：\(needs)。完成后请用“提交”上报。"
    }
}
