import CampaignIntents
import Foundation

/// `评议`: admins open and close rounds; every active person on the roster rates, one question at a time
/// (the answers in EvaluationBallotRules.swift); results in EvaluationResults.swift.
extension Turn {
    mutating func evaluate(_ person: Person, _ request: EvaluationRequest) throws {
        try closeOverdueEvaluation()
        switch request {
        case .open(let name, let kind, let deadline, let scope): try openEvaluation(person, name, kind, deadline, scope)
        case .close: try closeEvaluation(person)
        case .rate: try startBallot(person)
        case .results(let branch): try evaluationResults(person, branch: branch)
        }
    }

    /// A round whose deadline has passed is closed by the first message that touches it (the scheduler does it
    /// too, at the latest when quiet hours end).
    mutating func closeOverdueEvaluation() throws {
        guard let round = state.evaluations.unclosed, !round.isOpen(on: today) else { return }
        try emit(.evaluationClose(round: round.number, at: now))
    }

    private mutating func openEvaluation(
        _ person: Person, _ name: String, _ kind: EvaluationRoundKind,
        _ deadline: CalendarDate, _ asked: EvaluationScope?
    ) throws {
        guard person.permission == .admin else {
            try reply(EvaluationReply.openAdminsOnly)
            return
        }
        if let open = state.evaluations.unclosed {
            try reply(EvaluationReply.stillOpen(open))
            return
        }
        let minRaters = max(1, engine.evaluationMinRaters)
        let scope = asked ?? .branch
        let subjects = state.evaluationSubjects(kind: kind, scope: scope)
        let unpublished = state.unpublishableSubjects(kind: kind, scope: scope, minRaters: minRaters)
        // A round in which some subjects could never be published opens only when the admin chose how.
        guard asked != nil || unpublished.isEmpty, unpublished.count < subjects.count else {
            try reply(
                EvaluationReply.notOpened(openingChoice(name, kind, deadline, asked: asked, minRaters: minRaters)))
            return
        }
        let round = EvaluationRound(
            number: state.evaluations.rounds.count + 1, name: name, kind: kind, deadline: deadline,
            openedAt: now, openedBy: person.staffID, scope: scope, minRaters: minRaters, unpublished: unpublished)
        try emit(.evaluationOpen(round))
        let raters = state.activePeople.filter { !state.evaluationSubjects(for: $0, in: round).isEmpty }.count
        try reply(
            EvaluationReply.opened(
                round, raters: raters, everyone: state.activePeople.count,
                unpublished: unpublished.map(evaluationSubject)))
    }

    /// Why the round did not open, which subjects could never be published, and the commands for each way the plan
    /// allows: rating across the whole school, or by branch with those subjects not rated and not published.
    private func openingChoice(
        _ name: String, _ kind: EvaluationRoundKind, _ deadline: CalendarDate, asked: EvaluationScope?,
        minRaters: Int
    ) -> EvaluationReply.NotOpened {
        let scope = asked ?? .branch
        let unpublished = state.unpublishableSubjects(kind: kind, scope: scope, minRaters: minRaters)
        let offerSchool =
            scope == .branch && !state.evaluationSubjects(kind: kind, scope: .school).isEmpty
            && state.unpublishableSubjects(kind: kind, scope: .school, minRaters: minRaters).isEmpty
        let offerBranch =
            asked == nil && unpublished.count < state.evaluationSubjects(kind: kind, scope: .branch).count
        return EvaluationReply.NotOpened(
            name: name, kind: kind, deadline: deadline, scope: scope, minRaters: minRaters,
            unpublished: unpublished.map(evaluationSubject),
            nobody: unpublished.count == state.evaluationSubjects(kind: kind, scope: scope).count,
            offerSchool: offerSchool, offerBranch: offerBranch)
    }

    private mutating func closeEvaluation(_ person: Person) throws {
        guard person.permission == .admin else {
            try reply(EvaluationReply.closeAdminsOnly)
            return
        }
        guard let round = state.evaluations.unclosed else {
            try reply(EvaluationReply.noneOpen(last: state.evaluations.rounds.last))
            return
        }
        let unfinished = state.evaluations.ballots.values.contains { $0.round == round.number }
        try emit(.evaluationClose(round: round.number, at: now))
        let closed = state.evaluations.rounds.first { $0.number == round.number } ?? round
        let minRaters = max(engine.evaluationMinRaters, closed.minRaters)
        try reply(
            EvaluationReply.closed(
                round, voters: state.evaluationDisclosure(closed, minRaters: minRaters).voters, minRaters: minRaters,
                unfinished: unfinished))
    }

    /// `评议`: start the ballot, or pick it up where the rater stopped.
    private mutating func startBallot(_ person: Person) throws {
        guard let round = state.evaluations.rounds.last, round.closedAt == nil else {
            try reply(EvaluationReply.noRoundToRate(last: state.evaluations.rounds.last))
            return
        }
        guard !round.hasSubmitted(person.staffID) else {
            try reply(EvaluationReply.alreadyRated(round))
            return
        }
        let resuming = state.evaluations.ballots[person.staffID] != nil
        var ballot =
            state.evaluations.ballots[person.staffID]
            ?? EvaluationBallot(
                round: round.number, subjects: state.evaluationSubjects(for: person, in: round),
                group: state.evaluationGroup(of: person, in: round))
        guard !ballot.subjects.isEmpty else {
            let leftOut = !state.evaluationCandidates(for: person, kind: round.kind, scope: round.scope).isEmpty
            try reply(EvaluationReply.nobodyToRate(round, leftOut: leftOut))
            return
        }
        ballot.asking = true
        try emit(.evaluationBallot(rater: person.staffID, ballot))
        try ballotReply(
            BallotReply.question(ballotQuestion(ballot), before: .start(round, resuming: resuming)), person)
    }

    /// The question for the ballot's current subject. Never says what the rater answered before.
    func ballotQuestion(_ ballot: EvaluationBallot) -> BallotQuestion {
        BallotQuestion(
            ballot: ballot,
            subject: ballot.position < ballot.subjects.count
                ? evaluationSubject(ballot.subjects[ballot.position]) : nil)
    }
}

extension Turn {
    /// For 我的进度: the open round the person has not finished, if any.
    func evaluationProgress(_ person: Person) -> ProgressReply.EvaluationLine? {
        guard let round = state.evaluations.unclosed, round.isOpen(on: today), !round.hasSubmitted(person.staffID)
        else { return nil }
        let ballot = state.evaluations.ballots[person.staffID]
        return ProgressReply.EvaluationLine(
            round: round.name, deadline: round.deadline, answered: ballot.map { ($0.position, $0.subjects.count) })
    }
}
