package import CampaignIntents
package import Foundation

/// One 评议 round. A submitted ballot is sealed (who submitted, and the sum of the grades of everyone sealed in the
/// same group) until at least `minRaters` of its group wait; then they are counted together: only the tallies and
/// the raters' "has voted" marks remain, and nothing in the state says who gave which grade (docs/evaluation.md).
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
    /// Who rates whom: within each branch, or across the school.
    package var scope: EvaluationScope = .branch
    /// The publication threshold when the round opened: sealed ballots are counted in batches of at least this many,
    /// and no tally below it is kept. 0 in rounds opened before ballots were batched.
    package var minRaters = 0
    /// Subjects nobody is asked about, because fewer people than `minRaters` could rate them (sorted).
    package var unpublished: [String] = []
    /// Raters whose ballot was counted: the only trace a rater leaves.
    package var voted: Set<String> = []
    /// Subject → grade (`EvaluationGrade` raw value) → number of raters. A subject is a member's staff id, or
    /// `branch:<name>` / `school` in a campaign round. Only subjects rated by at least `minRaters` are here.
    package var tallies: [String: [String: Int]] = [:]
    /// Submitted ballots not counted yet, by rater group (`EvaluationRound.group(of:)`).
    package var sealed: [String: SealedBallots] = [:]

    package init(
        number: Int, name: String, kind: EvaluationRoundKind, deadline: CalendarDate, openedAt: Date,
        openedBy: String, scope: EvaluationScope = .branch, minRaters: Int = 0, unpublished: [String] = []
    ) {
        self.number = number
        self.name = name
        self.kind = kind
        self.deadline = deadline
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.scope = scope
        self.minRaters = minRaters
        self.unpublished = unpublished.sorted()
    }

    /// True while votes are taken on `today`.
    package func isOpen(on today: CalendarDate) -> Bool { closedAt == nil && today <= deadline }

    /// Counts per grade for `subject` (zero for grades nobody gave).
    package func counts(for subject: String) -> [EvaluationGrade: Int] {
        var counts: [EvaluationGrade: Int] = [:]
        for grade in EvaluationGrade.allCases { counts[grade] = tallies[subject]?[grade.rawValue] ?? 0 }
        return counts
    }

    /// How many raters graded `subject` (counted ballots only).
    package func raters(of subject: String) -> Int { tallies[subject]?.values.reduce(0, +) ?? 0 }

    /// True when the rater submitted a ballot in this round (counted, or sealed and waiting).
    package func hasSubmitted(_ rater: String) -> Bool {
        voted.contains(rater) || sealed.values.contains { $0.raters.contains(rater) }
    }

    /// Raters who submitted, counted or not.
    package var submitted: Int { voted.count + sealed.values.reduce(0) { $0 + $1.raters.count } }

    /// The size of a batch: the threshold the round opened with (5 for rounds opened before batches).
    package var batchSize: Int { minRaters > 0 ? minRaters : Self.legacyMinRaters }
    static let legacyMinRaters = 5

    package static let school = "school"
    package static func branchSubject(_ branch: String) -> String { "branch:" + branch }

    /// The group a rater's ballot is counted with: raters who rate the same subjects (their branch, or the school).
    package static func group(branch: String, scope: EvaluationScope) -> String {
        scope == .school ? school : branch
    }

    /// Counts the sealed ballots of `group`: the raters get their "has voted" mark, and each subject's grades go
    /// into its tally once it then has at least `batchSize` raters (until then they stay sealed, without raters).
    mutating func count(group: String) {
        guard var batch = sealed[group] else { return }
        voted.formUnion(batch.raters)
        batch.raters = []
        for (subject, grades) in batch.grades {
            let waiting = grades.values.reduce(0, +)
            guard raters(of: subject) + waiting >= batchSize else { continue }
            for (grade, n) in grades { tallies[subject, default: [:]][grade, default: 0] += n }
            batch.grades[subject] = nil
        }
        sealed[group] = batch.grades.isEmpty ? nil : batch
    }

    /// At the close: every sealed ballot is counted, grades that never reached the threshold are dropped, and so is
    /// any tally below it.
    mutating func countAll() {
        for group in sealed.keys.sorted() where sealed[group]?.unreadable == nil { count(group: group) }
        sealed = [:]
        tallies = tallies.filter { $0.value.values.reduce(0, +) >= batchSize }
    }

    private enum CodingKeys: String, CodingKey {
        case number, name, kind, deadline, openedAt, openedBy, closedAt, scope, minRaters, unpublished, voted
        case tallies, sealed
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(EvaluationRoundKind.self, forKey: .kind)
        deadline = try c.decode(CalendarDate.self, forKey: .deadline)
        openedAt = try c.decode(Date.self, forKey: .openedAt)
        openedBy = try c.decode(String.self, forKey: .openedBy)
        closedAt = try c.decodeIfPresent(Date.self, forKey: .closedAt)
        scope = try c.decodeIfPresent(EvaluationScope.self, forKey: .scope) ?? .branch
        minRaters = try c.decodeIfPresent(Int.self, forKey: .minRaters) ?? 0
        unpublished = try c.decodeIfPresent([String].self, forKey: .unpublished) ?? []
        voted = try c.decodeIfPresent(Set<String>.self, forKey: .voted) ?? []
        tallies = try c.decodeIfPresent([String: [String: Int]].self, forKey: .tallies) ?? [:]
        sealed = try c.decodeIfPresent([String: SealedBallots].self, forKey: .sealed) ?? [:]
    }

    /// Sets are written sorted: the order a set happens to iterate in could say who voted first.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(openedAt, forKey: .openedAt)
        try c.encode(openedBy, forKey: .openedBy)
        try c.encodeIfPresent(closedAt, forKey: .closedAt)
        try c.encode(scope, forKey: .scope)
        try c.encode(minRaters, forKey: .minRaters)
        try c.encode(unpublished, forKey: .unpublished)
        try c.encode(voted.sorted(), forKey: .voted)
        try c.encode(tallies, forKey: .tallies)
        try c.encode(sealed, forKey: .sealed)
    }
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
    /// The group the ballot is counted with (`EvaluationRound.group`); nil in ballots started before batches.
    package var group: String?

    package init(round: Int, subjects: [String], group: String? = nil) {
        self.round = round
        self.subjects = subjects
        self.group = group
    }
}

/// Everything 评议 keeps in the state.
package struct Evaluations: Codable, Sendable, Equatable {
    package var rounds: [EvaluationRound] = []
    /// Unfinished ballots by rater staff id.
    package var ballots: [String: EvaluationBallot] = [:]
    /// Ballots submitted, rounds ended and ballot replies sent since the store last forgot what it wrote of them
    /// (compacted and rewrote its backups); checked after every commit and at start.
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
        rounds[i].countAll()
        ballots = ballots.filter { $0.value.round != number }
        unforgotten += 1
    }

    /// Drops the sealed ballots of `groups` in the open round that cannot be read with the key at hand (the key was
    /// lost or replaced): their raters have not voted after all and may rate again.
    mutating func dropUnreadableSeals(round number: Int, groups: [String]) throws {
        guard let i = rounds.firstIndex(where: { $0.number == number }), rounds[i].closedAt == nil else {
            throw ChangeError("no open evaluation round \(number)")
        }
        for group in groups where rounds[i].sealed[group]?.unreadable != nil { rounds[i].sealed[group] = nil }
        unforgotten += 1
    }

    mutating func setBallot(_ rater: String, _ ballot: EvaluationBallot?) throws {
        if let ballot {
            guard let round = unclosed, round.number == ballot.round, !round.hasSubmitted(rater) else {
                throw ChangeError("no ballot of \(rater) can be kept in round \(ballot.round)")
            }
        }
        ballots[rater] = ballot
    }

    /// Seals the rater's finished ballot: the rater joins their group's sealed raters, its grades (never for an
    /// unpublished subject) are added to the group's sum, and the ballot is deleted. Once at least `batchSize` raters
    /// of the group are sealed, they are counted together, in this same change.
    mutating func cast(_ rater: String) throws {
        guard let ballot = ballots[rater], let i = rounds.indices.last, rounds[i].number == ballot.round,
            rounds[i].closedAt == nil
        else { throw ChangeError("no ballot of \(rater) to count") }
        guard !rounds[i].hasSubmitted(rater) else { throw ChangeError("\(rater) has voted already") }
        let group = ballot.group ?? ""
        var batch = rounds[i].sealed[group] ?? SealedBallots()
        guard batch.unreadable == nil else {
            throw ChangeError("the sealed ballots of \(group) cannot be read with this ballot key")
        }
        batch.raters.append(rater)
        batch.raters.sort()
        let unpublished = Set(rounds[i].unpublished)
        for (subject, grade) in ballot.grades
        where EvaluationGrade(rawValue: grade) != nil && !unpublished.contains(subject) {
            batch.grades[subject, default: [:]][grade, default: 0] += 1
        }
        rounds[i].sealed[group] = batch
        if batch.raters.count >= rounds[i].batchSize { rounds[i].count(group: group) }
        ballots[rater] = nil
        unforgotten += 1
    }
}

extension BotState {
    /// The member's released result in the newest closed members round: raters per grade, or nil when there is
    /// no such round, the member was not rated in it, or fewer than `minRaters` rated them (not released).
    package func releasedEvaluation(of staffID: String, minRaters: Int) -> [EvaluationGrade: Int]? {
        guard let round = evaluations.rounds.last(where: { $0.kind == .members && $0.closedAt != nil }),
            round.raters(of: staffID) >= max(1, minRaters, round.minRaters)
        else { return nil }
        return round.counts(for: staffID)
    }
}

extension BotState {
    /// Called by the store's schema before sent messages leave the outbox: a sent reply of a ballot conversation
    /// that is no longer being filled in (submitted, dropped, or never kept) still has its text in the journal, so
    /// the store is asked to forget (`unforgotten`). Replies of an unfinished ballot wait for the forgetting that
    /// its submission or the round's end brings.
    package mutating func noteSentBallotReplies(_ ids: Set<Int>) {
        let sent = outbox.contains {
            $0.forgetOnceSent == true && ids.contains($0.id)
                && $0.staffID.map { evaluations.ballots[$0] == nil } ?? true
        }
        if sent { evaluations.unforgotten += 1 }
    }
}
