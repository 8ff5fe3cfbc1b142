package import CampaignIntents
import Foundation

/// One released (or withheld) line of a round's results: a subject and its tally, shown only when at least the
/// threshold rated it and no other published figure would let one subtract a withheld count.
package struct EvaluationResultGroup: Sendable, Equatable {
    package var subject: String
    package var branch: String
    /// Counts per grade; nil when withheld (then `withheld` says why, and no count is given at all).
    package var counts: [EvaluationGrade: Int]?
    package var raters: Int?
    /// Why nothing is shown (nil when shown).
    package var withheld: EvaluationWithholding?
}

/// Why a subject's result is not shown. Never how many rated it.
package enum EvaluationWithholding: Sendable, Equatable {
    /// Fewer people than the threshold could rate the subject; nobody was asked about it.
    case unpublishable
    /// Fewer than the threshold rated it.
    case fewRaters
    /// Shown, it could be subtracted from a published total to tell a withheld count (complementary suppression).
    case protecting
}

/// What of a closed round may be published: each subject's result, the number who finished, and per branch the
/// number of its people who finished. No published count is below the threshold, and no published total minus
/// the published parts of it leaves a withheld count between 1 and the threshold.
package struct EvaluationDisclosure: Sendable, Equatable {
    package var results: [EvaluationResultGroup]
    /// How many finished the round; nil when not published.
    package var voters: Int?
    /// Branch → how many of its people finished, for the branches where that is published (in rounds by branch,
    /// branches with a published member).
    package var branchVoters: [String: Int]
}

extension BotState {
    /// The newest round that has been closed.
    package var latestClosedEvaluation: EvaluationRound? { evaluations.rounds.last { $0.closedAt != nil } }

    /// The subjects of `round` with their results as far as released; members are listed by branch and staff id.
    package func evaluationResults(_ round: EvaluationRound, minRaters: Int) -> [EvaluationResultGroup] {
        evaluationDisclosure(round, minRaters: minRaters).results
    }

    /// Everything of `round` that may be published with the threshold `minRaters` (at least the round's own).
    package func evaluationDisclosure(_ round: EvaluationRound, minRaters: Int) -> EvaluationDisclosure {
        let threshold = max(1, minRaters, round.minRaters)
        var subjects: [(subject: String, branch: String)]
        switch round.kind {
        case .members:
            let rated = Set(round.tallies.keys)
            subjects = roster.values.filter {
                ($0.active && $0.partyMember && !$0.branch.isEmpty) || rated.contains($0.staffID)
            }
            .sorted { ($0.branch, $0.staffID) < ($1.branch, $1.staffID) }.map { ($0.staffID, $0.branch) }
        case .campaign:
            subjects = evaluationSubjects(kind: .campaign, scope: .branch)
        }
        let unpublished = Set(round.unpublished)
        var results = subjects.map { subject, branch in
            let raters = round.raters(of: subject)
            let withheld: EvaluationWithholding? =
                unpublished.contains(subject) ? .unpublishable : raters < threshold ? .fewRaters : nil
            return EvaluationResultGroup(
                subject: subject, branch: branch, counts: withheld == nil ? round.counts(for: subject) : nil,
                raters: withheld == nil ? raters : nil, withheld: withheld)
        }
        let voters = round.voted.count
        var publishVoters = voters >= threshold
        var branchVoters: [String: Int] = [:]
        switch (round.kind, round.scope) {
        case (.campaign, .branch):
            // Everyone rates their own branch's work and the school's: the branches' raters are parts of the school's
            // raters and of the voters. Withhold more branches until what is left over is none or enough.
            let branchIndices = results.indices.filter { results[$0].subject != EvaluationRound.school }
            func remainder(_ total: Int) -> Int {
                total - branchIndices.compactMap { results[$0].raters }.reduce(0, +)
            }
            if let school = results.firstIndex(where: { $0.subject == EvaluationRound.school }),
                let total = results[school].raters
            {
                while case let left = remainder(total), left > 0, left < threshold {
                    let shown = branchIndices.filter { results[$0].raters != nil }
                    guard let smallest = shown.min(by: { (results[$0].raters ?? 0) < (results[$1].raters ?? 0) })
                    else {
                        results[school].counts = nil
                        results[school].raters = nil
                        results[school].withheld = .protecting
                        break
                    }
                    results[smallest].counts = nil
                    results[smallest].raters = nil
                    results[smallest].withheld = .protecting
                }
            }
            let left = remainder(voters)
            if left > 0, left < threshold { publishVoters = false }
        case (.members, .branch):
            // The voters of each branch with a published member are shown beside it (the report): the rest of the
            // voters must be none or enough.
            let shownBranches = Set(results.filter { $0.counts != nil }.map(\.branch))
            for person in roster.values
            where round.voted.contains(person.staffID) && shownBranches.contains(person.branch) {
                branchVoters[person.branch, default: 0] += 1
            }
            let left = voters - branchVoters.values.reduce(0, +)
            if left > 0, left < threshold { publishVoters = false }
        default:
            break
        }
        return EvaluationDisclosure(results: results, voters: publishVoters ? voters : nil, branchVoters: branchVoters)
    }
}

extension Turn {
    /// `评议 结果 [支部]`: a member sees their own result; secretaries their branch; admins everyone (or one branch).
    mutating func evaluationResults(_ person: Person, branch asked: String?) throws {
        guard let round = state.latestClosedEvaluation else {
            try reply(EvaluationResultsReply.noneClosed(open: state.evaluations.unclosed))
            return
        }
        let minRaters = max(1, engine.evaluationMinRaters, round.minRaters)
        let disclosure = state.evaluationDisclosure(round, minRaters: minRaters)
        var groups = disclosure.results
        if person.permission == .teacher {
            if asked != nil, asked != person.branch {
                try reply(EvaluationResultsReply.ownOnly)
                return
            }
            groups = groups.filter {
                round.kind == .members
                    ? $0.subject == person.staffID
                    : ($0.branch == person.branch || $0.subject == EvaluationRound.school)
            }
            if groups.isEmpty {
                try reply(EvaluationResultsReply.notRated(round))
                return
            }
        } else {
            guard let scope = try scope(person, asked) else { return }
            if let branch = scope.branch {
                groups = groups.filter {
                    $0.branch == branch || (round.kind == .campaign && $0.subject == EvaluationRound.school)
                }
            }
        }
        let results = EvaluationResultsReply.results(
            round, voters: disclosure.voters, own: person.permission == .teacher,
            groups.map { EvaluationResultsReply.Line(subject: evaluationSubject($0.subject), group: $0) },
            minRaters: minRaters)
        // Secretaries and admins also get the totals as a chart, in a private chat, when anything is released.
        let chart =
            person.permission != .teacher && !message.isGroup && groups.contains { $0.counts != nil }
            ? MediaRequest.evaluationChart(
                round: round.number, branch: person.permission == .admin ? asked : person.branch)
            : nil
        spoken.append(results)
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: words(results),
                    replyTo: message.messageID, kind: .reply, createdAt: now, media: chart)))
    }
}
