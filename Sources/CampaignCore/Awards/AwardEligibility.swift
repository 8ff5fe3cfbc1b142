package import CampaignIntents
import Foundation

/// Why a member cannot be commended for a star (评选表彰).
package enum AwardRefusal: Sendable, Equatable {
    /// The campaign has no such star.
    case noSuchStar
    /// No longer on the roster.
    case inactive
    /// The star is not open to the member's roles (`eligibility`: who it is open to).
    case roleNotEligible(eligibility: String)
    /// The star's commendation is for Party members only.
    case notPartyMember
    /// The member did not pledge for the star.
    case notPledged
    /// Requirements of the star not yet met (their names).
    case requirementsMissing([String])
    /// Most of the member's 评议 ratings are 基本合格 or 不合格.
    case evaluation(poor: Int, total: Int)

    package func chinese(_ star: Star) -> String {
        switch self {
        case .noSuchStar: "本次活动没有\(star.chineseName)"
        case .inactive: "已不在活动名单中"
        case .roleNotEligible(let eligibility): "\(star.chineseName)面向\(eligibility)，按名单其角色不在此列"
        case .notPartyMember: "\(star.chineseName)先进典型只评党员，按名单其不是党员"
        case .notPledged: "没有申报\(star.chineseName)承诺"
        case .requirementsMissing(let names): "\(star.chineseName)的要求尚未完成：\(names.joined(separator: "、"))"
        case .evaluation(let poor, let total): "最近一次评议中 \(total) 票里有 \(poor) 票为基本合格或不合格（过半）"
        }
    }

    package func english(_ star: Star) -> String {
        switch self {
        case .noSuchStar: "this campaign has no \(star.englishName)"
        case .inactive: "no longer on the roster"
        case .roleNotEligible(let eligibility): "the \(star.englishName) is for \(eligibility) only"
        case .notPartyMember: "the \(star.englishName) commendation is for Party members only"
        case .notPledged: "no pledge for the \(star.englishName)"
        case .requirementsMissing(let names): "requirements not met: \(names.joined(separator: ", "))"
        case .evaluation(let poor, let total): "\(poor) of \(total) ratings in the latest 评议 are 基本合格 or 不合格"
        }
    }
}

/// Whether a member may be commended for a star, with the star progress it was judged on.
package struct AwardEligibility: Sendable {
    package var star: Star
    /// The member's progress with the star (nil: no pledge for it).
    package var progress: StarProgress?
    package var refusals: [AwardRefusal]
    package var eligible: Bool { refusals.isEmpty }
    /// The record ids that meet the star's requirements.
    package var evidence: [String] { progress.map { $0.items.flatMap(\.evidence) } ?? [] }
}

extension BotState {
    /// Judges `person` for `star`'s commendation with the campaign's own requirement logic (`starProgress`).
    /// `evaluation`: the member's released 评议 tally in the latest closed round, nil when there is none; it refuses
    /// when most ratings are 基本合格/不合格.
    package func awardEligibility(
        of person: Person, for star: Star, campaign: Campaign,
        evaluation: [EvaluationGrade: Int]?
    ) -> AwardEligibility {
        let progress = starProgress(of: person, campaign: campaign).first { $0.star == star }
        var refusals: [AwardRefusal] = []
        guard let rule = campaign.rule(for: star) else {
            return AwardEligibility(star: star, progress: nil, refusals: [.noSuchStar])
        }
        if !person.active { refusals.append(.inactive) }
        if !person.mayStrive(for: rule) { refusals.append(.roleNotEligible(eligibility: rule.eligibility)) }
        if rule.awardForPartyMembersOnly == true, !person.partyMember { refusals.append(.notPartyMember) }
        if let progress {
            if !progress.complete { refusals.append(.requirementsMissing(progress.missing.map(\.name))) }
        } else {
            refusals.append(.notPledged)
        }
        if let evaluation {
            let total = evaluation.values.reduce(0, +)
            let poor = (evaluation[.basicallyQualified] ?? 0) + (evaluation[.unqualified] ?? 0)
            if total > 0, poor * 2 > total { refusals.append(.evaluation(poor: poor, total: total)) }
        }
        return AwardEligibility(star: star, progress: progress, refusals: refusals)
    }
}
