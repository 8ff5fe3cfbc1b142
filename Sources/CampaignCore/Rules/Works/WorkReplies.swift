package import CampaignIntents
import Foundation

/// What the submission rule decided, and all of its words.
package enum WorkReply: Reply {
    /// One reading of an ambiguous kind, and the stars it would count for.
    package struct Reading: Sendable, Equatable {
        package var choice: StarCredit.Choice
        package var stars: [Star]
    }

    /// What was typed fits more than one kind for this person: nothing is stored; `canAnswer`: a reply of the word
    /// alone completes it (in a private chat).
    case ambiguous(WorkKind, readings: [Reading], title: String, canAnswer: Bool)
    /// The same work was recorded already.
    case duplicate(Work, kind: WorkKind, plainTitle: String)
    case recorded(WorkRecorded)

    package func text(english: Bool) -> String {
        switch self {
        case .ambiguous(let typed, let readings, let title, let canAnswer):
            let plainTitle = Work.plainTitle(title)
            var lines = [
                english
                    ? "“\(typed.englishName)” could count for more than one star; please say which (nothing is recorded yet):"
                    : "“\(typed.chineseName)”可以计入不同的星，请说明是哪一种（这次还没有登记）："
            ]
            for reading in readings {
                let choice = reading.choice
                let stars = reading.stars.map { english ? $0.englishName : $0.chineseName }.joined(
                    separator: english ? ", " : "、")
                lines.append(
                    english
                        ? "· \(choice.kind.englishName) (counts for \(stars)): /submit \(choice.kind == .paper ? choice.word : choice.kind.rawValue) \(plainTitle)"
                        : "· \(choice.word)（计入\(stars)）：提交 \(choice.word) \(Work.quoted(title))")
            }
            if canAnswer {
                let words = readings.map(\.choice.word).joined(separator: english ? "” or “" : "”或“")
                lines.append(
                    english ? "Or just reply “\(words)”; send “cancel” to drop it." : "直接回复“\(words)”即可；发送“取消”放弃。")
            }
            return lines.joined(separator: "\n")
        case .duplicate(let same, let kind, let plainTitle):
            return english
                ? "You already recorded \(same.id): \(kind.englishName) “\(same.title)”; nothing was added.\nIf this is another piece of work, make the title different; to correct the first: /edit \(same.id) title:new title"
                : "您已登记过成果 \(same.id)：\(kind.chineseName)\(Work.quoted(same.title))，这次没有重复登记。\n如果这是另一项成果，请在标题里写明区别（如 《\(plainTitle)》第二稿）再提交；如要更正原记录：修改 \(same.id) 标题:新标题"
        case .recorded(let recorded):
            return recorded.text(english: english)
        }
    }
}

/// A recorded work and what it means for the teacher's stars.
package struct WorkRecorded: Sendable {
    /// Where the work counts although the teacher has not pledged that star.
    package enum Unpledged: Sendable {
        /// Stars open to the teacher, to pledge.
        case open([Star])
        /// Stars the roster does not open to the teacher.
        case notEligible([StarRule])
    }

    /// A plain 论文 kept as an experience paper: how to make it the `other` kind.
    package struct OtherReading: Sendable {
        package var other: StarCredit.Choice
        package var stars: [Star]
        package var otherStars: [Star]
    }

    package var work: Work
    package var typed: WorkKind
    /// When the kind was read from the teacher's pledges or eligibility: the pledged stars it was read by.
    package var readAs: [Star]?
    package var otherReading: OtherReading?
    /// The progress of each pledged star it counts for.
    package var progress: [StarProgress]
    package var unpledged: Unpledged?

    func text(english: Bool) -> String {
        let kind = work.kind
        let title = work.title
        var text =
            english
            ? "Work \(work.id) recorded: \(kind.englishName) “\(title)”."
            : "已登记成果 \(work.id)：\(kind.chineseName)\(Work.quoted(title))。"
        if let readAs {
            let stars = readAs.map(\.chineseName).joined(separator: "、")
            text +=
                stars.isEmpty
                ? (english
                    ? " (“\(typed.englishName)” recorded as \(kind.englishName).)"
                    : "（“\(typed.chineseName)”按您能申报的星记为\(kind.chineseName)。）")
                : (english
                    ? " (“\(typed.englishName)” recorded as \(kind.englishName) for your \(stars) pledge.)"
                    : "（“\(typed.chineseName)”按您申报的\(stars)记为\(kind.chineseName)。）")
        }
        if let otherReading {
            let other = otherReading.other
            let stars = otherReading.stars.map(\.chineseName).joined(separator: "、")
            let otherStars = otherReading.otherStars.map(\.chineseName).joined(separator: "、")
            text +=
                english
                ? " (recorded as an experience paper; if it is a \(other.kind.englishName), send /withdraw \(work.id) and /submit \(other.kind.rawValue) \(Work.plainTitle(title)))"
                : "（“\(typed.chineseName)”记为经验论文，可计入\(stars)；如是\(other.word)（\(otherStars)），请发送“撤销 \(work.id)”后重新提交：提交 \(other.word) \(Work.quoted(title))）"
        }
        for progress in progress {
            let marks = progress.items.map { "\($0.requirement.name) \($0.done ? "✓" : "✗")" }.joined(
                separator: english ? ", " : "，")
            text +=
                "\n" + (english ? "\(progress.star.englishName): \(marks)" : "\(progress.star.chineseName)：\(marks)")
            if progress.complete { text += english ? " — complete!" : " —— 已全部完成！" }
        }
        switch unpledged {
        case .open(let open):
            if let star = open.first {
                text +=
                    english
                    ? "\n(This counts for \(open.map(\.englishName).joined(separator: " or ")), which you have not pledged. To strive for it: /pledge \(star.rawValue) your pledge)"
                    : "\n（这项成果可计入\(open.map(\.chineseName).joined(separator: "或"))，您尚未申报。如要争创，请发送：承诺 \(star.chineseName) 承诺内容）"
            }
        case .notEligible(let rules):
            let names = rules.map { "\($0.star.chineseName)（面向\($0.eligibility)）" }
            text +=
                english
                ? "\n(This counts for stars your roster roles are not eligible for; it is recorded but counts for no star.)"
                : "\n（这项成果用于\(names.joined(separator: "、"))，按名单您不在其列，已登记但不计入三星。如名单有误，请联系管理员。）"
        case nil:
            break
        }
        return text
    }
}

extension Work {
    /// A title without its 《》 and surrounding spaces, for a command to copy.
    static func plainTitle(_ title: String) -> String {
        title.trimmingCharacters(in: CharacterSet(charactersIn: "《》 "))
    }
}
