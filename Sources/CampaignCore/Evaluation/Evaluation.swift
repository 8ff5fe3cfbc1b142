package import CampaignIntents
package import Foundation

/// One 评议 round. Once a ballot is counted only the tallies and the rater's "has voted" mark remain: nothing in
/// the state says who gave which grade (docs/evaluation.md).
package struct EvaluationRound: Codable, Sendable, Equatable {
    package var number: Int
    package var name: String
    package var kind: EvaluationRoundKind
    /// The last day votes are taken (campaign time); the round ends when that day ends.
    package var deadline: CalendarDate
    package var openedAt: Date
    package var openedBy: String
    /// Set when an admin closed the round or the deadline passed and the bot closed it.
    package var closedAt: Date?
    /// Raters whose ballot was counted: the only trace a rater leaves.
    package var voted: Set<String> = []
    /// Subject → grade (`EvaluationGrade` raw value) → number of raters. A subject is a member's staff id, or
    /// `branch:<name>` / `school` in a campaign round.
    package var tallies: [String: [String: Int]] = [:]

    package init(
        number: Int, name: String, kind: EvaluationRoundKind, deadline: CalendarDate, openedAt: Date,
        openedBy: String
    ) {
        self.number = number
        self.name = name
        self.kind = kind
        self.deadline = deadline
        self.openedAt = openedAt
        self.openedBy = openedBy
    }

    /// True while votes are taken on `today`.
    package func isOpen(on today: CalendarDate) -> Bool { closedAt == nil && today <= deadline }

    /// Counts per grade for `subject` (zero for grades nobody gave).
    package func counts(for subject: String) -> [EvaluationGrade: Int] {
        var counts: [EvaluationGrade: Int] = [:]
        for grade in EvaluationGrade.allCases { counts[grade] = tallies[subject]?[grade.rawValue] ?? 0 }
        return counts
    }

    /// How many raters graded `subject`.
    package func raters(of subject: String) -> Int { tallies[subject]?.values.reduce(0, +) ?? 0 }

    package static let school = "school"
    package static func branchSubject(_ branch: String) -> String { "branch:" + branch }
}

/// A rater's ballot while they fill it in: kept under their id only until it is counted (then deleted, and the
/// store rewritten so that no file keeps it), or until the round ends.
package struct EvaluationBallot: Codable, Sendable, Equatable {
    package var round: Int
    /// Whom the rater rates, in the order asked (fixed when the ballot starts).
    package var subjects: [String]
    /// The subject asked now (`subjects.count` when every one was answered or skipped).
    package var position = 0
    /// Subject → grade raw value; a subject passed over without one was skipped.
    package var grades: [String: String] = [:]
    /// True while the bot waits for this rater's answer: their next private message is read as one.
    package var asking = true

    package init(round: Int, subjects: [String]) {
        self.round = round
        self.subjects = subjects
    }
}

/// Everything 评议 keeps in the state.
package struct Evaluations: Codable, Sendable, Equatable {
    package var rounds: [EvaluationRound] = []
    /// Unfinished ballots by rater staff id.
    package var ballots: [String: EvaluationBallot] = [:]
    /// Ballots counted and rounds ended since the store last forgot the ballots it wrote (compacted and rewrote
    /// its backups); checked after every commit and at start.
    package var unforgotten = 0

    package init() {}

    /// The newest round, if it has not been closed (its deadline may have passed: see `isOpen(on:)`).
    package var unclosed: EvaluationRound? { rounds.last.flatMap { $0.closedAt == nil ? $0 : nil } }

    mutating func open(_ round: EvaluationRound) throws {
        guard unclosed == nil else { throw ChangeError("an evaluation round is still open") }
        guard round.number == rounds.count + 1 else {
            throw ChangeError("evaluation round \(round.number) out of order")
        }
        rounds.append(round)
    }

    mutating func close(round number: Int, at: Date) throws {
        guard let i = rounds.firstIndex(where: { $0.number == number }), rounds[i].closedAt == nil else {
            throw ChangeError("no open evaluation round \(number)")
        }
        rounds[i].closedAt = at
        ballots = ballots.filter { $0.value.round != number }
        unforgotten += 1
    }

    mutating func setBallot(_ rater: String, _ ballot: EvaluationBallot?) throws {
        if let ballot {
            guard let round = unclosed, round.number == ballot.round, !round.voted.contains(rater) else {
                throw ChangeError("no ballot of \(rater) can be kept in round \(ballot.round)")
            }
        }
        ballots[rater] = ballot
    }

    /// Counts the rater's finished ballot: adds its grades to the tallies, marks the rater and deletes the ballot.
    mutating func cast(_ rater: String) throws {
        guard let ballot = ballots[rater], let i = rounds.indices.last, rounds[i].number == ballot.round,
            rounds[i].closedAt == nil
        else { throw ChangeError("no ballot of \(rater) to count") }
        guard rounds[i].voted.insert(rater).inserted else { throw ChangeError("\(rater) has voted already") }
        for (subject, grade) in ballot.grades where EvaluationGrade(rawValue: grade) != nil {
            rounds[i].tallies[subject, default: [:]][grade, default: 0] += 1
        }
        ballots[rater] = nil
        unforgotten += 1
    }
}

extension BotState {
    /// The member's released result in the newest closed members round: raters per grade, or nil when there is
    /// no such round, the member was not rated in it, or fewer than `minRaters` rated them (not released).
    package func releasedEvaluation(of staffID: String, minRaters: Int) -> [EvaluationGrade: Int]? {
        guard let round = evaluations.rounds.last(where: { $0.kind == .members && $0.closedAt != nil }),
            round.raters(of: staffID) >= max(1, minRaters)
        else { return nil }
        return round.counts(for: staffID)
    }
}
