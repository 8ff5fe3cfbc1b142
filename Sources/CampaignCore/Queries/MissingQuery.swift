package import CampaignIntents
import Foundation

/// Who has not done what (`未完成`, the digest), from the duties of `PersonStanding`: a duty is listed once its phase
/// has begun and until it is done — also after its phase or the campaign has ended (then marked 已截止), so the
/// lists say the same before and after. `未完成` alone lists each person's every such duty; each kind lists one.
package struct MissingRows: Sendable {
    package struct Row: Sendable {
        package var person: Person
        /// What is not done: every such duty for `.all`; for a kind, its one duty (the pledge, for a star or the
        /// visits of someone who has not pledged at all).
        package var duties: [Duty]
        /// For `.visit`: holiday visits counted for 德育之星, and how many it needs.
        package var visits: (have: Int, need: Int)?
    }

    package var target: MissingTarget
    /// The people the list is about in the scope: everyone for `.all`; for a kind, whom its duty applies to (for a
    /// star or the visits: who pledged the star, and who may pledge it and has pledged nothing yet).
    package var applies: [Person]
    package var rows: [Row]
    /// The duty's phase has begun (a list before it is empty).
    package var started: Bool
    /// The duty can still be done (its phase and the campaign are not over).
    package var open: Bool
}

extension CampaignQuery {
    /// Holiday visits 德育之星 needs (at least one).
    package var holidayVisitsNeeded: Int {
        max(campaign.rule(for: .moral)?.requirements.map(\.holidayVisits).max() ?? 1, 1)
    }

    package func missing(_ target: MissingTarget, branch: String?) -> MissingRows {
        let standings = standings(branch: branch)
        let campaignStarted = asOf >= campaign.start, campaignOpen = asOf <= campaign.end
        switch target {
        case .all:
            return MissingRows(
                target: target, applies: standings.map(\.person),
                rows: standings.compactMap { s in s.owing.isEmpty ? nil : .init(person: s.person, duties: s.owing) },
                started: campaignStarted, open: campaignOpen)
        case .pledge: return kind(.pledge, target, standings, started: campaignStarted, open: campaignOpen)
        case .lesson:
            let span = campaign.lessonSpan
            return kind(
                .lesson, target, standings, started: span.map { asOf >= $0.from } ?? false,
                open: campaignOpen && (span.map { asOf <= $0.to } ?? false))
        case .benchmark:
            let span = campaign.benchmarkPhase?.span
            return kind(
                .benchmark, target, standings, started: span.map { asOf >= $0.from } ?? false,
                open: campaignOpen && (span.map { asOf <= $0.to } ?? false))
        case .moral, .teaching, .research, .visit:
            let star = target.star ?? .moral
            guard let rule = campaign.rule(for: star) else {
                return MissingRows(target: target, applies: [], rows: [], started: false, open: false)
            }
            // Who pledged the star, and who may pledge it and has not pledged anything yet.
            let concerned = standings.filter { s in
                s.pledged(star) || (!s.hasPledge && s.person.mayStrive(for: rule) && s.duty(.pledge) != nil)
            }
            let rows = concerned.compactMap { s -> MissingRows.Row? in
                guard let progress = s.stars.first(where: { $0.star == star }) else {
                    guard let pledge = s.duty(.pledge), pledge.started else { return nil }
                    guard target == .visit else { return .init(person: s.person, duties: [pledge]) }
                    // Enough visits already: only the pledge is missing, which the star's own list says.
                    guard s.holidayVisits.count < holidayVisitsNeeded else { return nil }
                    return .init(
                        person: s.person, duties: [pledge], visits: (s.holidayVisits.count, holidayVisitsNeeded))
                }
                guard let duty = s.duty(.star(star)), duty.started, !duty.done else { return nil }
                if target == .visit {
                    let item = progress.items.first { $0.requirement.holidayVisits > 0 }
                    guard let item, !item.done else { return nil }
                    return .init(
                        person: s.person, duties: [duty],
                        visits: (s.holidayVisits.count, item.requirement.holidayVisits))
                }
                return .init(person: s.person, duties: [duty])
            }
            return MissingRows(
                target: target, applies: concerned.map(\.person), rows: rows, started: campaignStarted,
                open: campaignOpen)
        }
    }

    private func kind(
        _ kind: Duty.Kind, _ target: MissingTarget, _ standings: [PersonStanding], started: Bool, open: Bool
    ) -> MissingRows {
        let concerned = standings.filter { $0.duty(kind) != nil }
        let rows = concerned.compactMap { s -> MissingRows.Row? in
            guard let duty = s.duty(kind), duty.started, !duty.done else { return nil }
            return .init(person: s.person, duties: [duty])
        }
        return MissingRows(
            target: target, applies: concerned.map(\.person), rows: rows, started: started, open: open)
    }
}
