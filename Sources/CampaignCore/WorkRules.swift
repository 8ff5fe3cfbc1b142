import CampaignIntents
import Foundation

/// Finished work, and what it completes.
extension Turn {
    mutating func submit(_ person: Person, _ kind: WorkKind, _ title: String) throws {
        let work = Work(id: state.nextID("W"), staffID: person.staffID, kind: kind, title: title, at: now)
        try emit(.addWork(work))
        var text = t("已登记成果 \(work.id)：\(kind.chineseName)《\(title.trimmingCharacters(in: CharacterSet(charactersIn: "《》")))》。",
                     "Work \(work.id) recorded: \(kind.englishName) “\(title)”.")
        let stars = campaign.stars.filter { $0.requirements.contains { $0.anyOf.contains(kind) } }
        let pledged = Set(state.pledges(of: person.staffID).map(\.star))
        for progress in state.starProgress(of: person, campaign: campaign) where stars.contains(where: { $0.star == progress.star }) {
            let marks = progress.items.map { "\($0.requirement.name) \($0.done ? "✓" : "✗")" }.joined(separator: t("，", ", "))
            text += "\n" + t("\(progress.star.chineseName)：\(marks)", "\(progress.star.englishName): \(marks)")
            if progress.complete { text += t(" —— 已全部完成！", " — complete!") }
        }
        if !stars.isEmpty, stars.allSatisfy({ !pledged.contains($0.star) }) {
            text += t("\n（这项成果计入\(stars.map(\.star.chineseName).joined(separator: "或"))，您尚未申报。）",
                      "\n(This counts for \(stars.map(\.star.englishName).joined(separator: " or ")), which you have not pledged.)")
        }
        try reply(text)
    }
}
