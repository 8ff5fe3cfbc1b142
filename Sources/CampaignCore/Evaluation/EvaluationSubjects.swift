package import CampaignIntents

/// Who rates whom in a round, and which subjects can never be published: those fewer people than the threshold
/// could rate. Such subjects are named to the admin when the round opens and nobody is asked about them.
extension BotState {
    /// Every subject of a round of this kind and scope, with its branch: Party members by branch and staff id, or
    /// each branch's campaign work and the school's.
    package func evaluationSubjects(kind: EvaluationRoundKind, scope: EvaluationScope) -> [(
        subject: String, branch: String
    )] {
        switch kind {
        case .members:
            return activePeople.filter { $0.partyMember && !$0.branch.isEmpty }
                .sorted { ($0.branch, $0.staffID) < ($1.branch, $1.staffID) }.map { ($0.staffID, $0.branch) }
        case .campaign:
            let branches = Set(activePeople.map(\.branch)).filter { !$0.isEmpty }.sorted()
            return branches.map { (EvaluationRound.branchSubject($0), $0) } + [(EvaluationRound.school, "")]
        }
    }

    /// How many people on the roster could rate `subject` (`branch` its branch) in a round of this kind and scope.
    package func possibleRaters(
        of subject: String, branch: String, kind: EvaluationRoundKind, scope: EvaluationScope
    ) -> Int {
        let everyone = activePeople
        let pool =
            scope == .school || subject == EvaluationRound.school ? everyone : everyone.filter { $0.branch == branch }
        return pool.count - (kind == .members && pool.contains { $0.staffID == subject } ? 1 : 0)
    }

    /// The subjects fewer than `minRaters` people could rate, in the order of `evaluationSubjects`.
    package func unpublishableSubjects(kind: EvaluationRoundKind, scope: EvaluationScope, minRaters: Int) -> [String] {
        evaluationSubjects(kind: kind, scope: scope).filter {
            possibleRaters(of: $0.subject, branch: $0.branch, kind: kind, scope: scope) < max(1, minRaters)
        }
        .map(\.subject)
    }

    /// Whom `rater` rates in `round`, in the order asked: the other Party members of their branch (or of the
    /// school), or in a campaign round their branch's (or every branch's) work and the school's; never a subject
    /// the round does not publish.
    package func evaluationSubjects(for rater: Person, in round: EvaluationRound) -> [String] {
        let unpublished = Set(round.unpublished)
        return evaluationCandidates(for: rater, kind: round.kind, scope: round.scope).filter {
            !unpublished.contains($0)
        }
    }

    /// Whom `rater` would rate in a round of this kind and scope, before unpublished subjects are left out.
    package func evaluationCandidates(for rater: Person, kind: EvaluationRoundKind, scope: EvaluationScope)
        -> [String]
    {
        switch (kind, scope) {
        case (.members, .branch):
            guard !rater.branch.isEmpty else { return [] }
            return activePeople.filter { $0.partyMember && $0.branch == rater.branch && $0.staffID != rater.staffID }
                .map(\.staffID)
        case (.members, .school):
            return evaluationSubjects(kind: .members, scope: .school).map(\.subject).filter { $0 != rater.staffID }
        case (.campaign, .branch):
            return (rater.branch.isEmpty ? [] : [EvaluationRound.branchSubject(rater.branch)]) + [
                EvaluationRound.school
            ]
        case (.campaign, .school):
            return evaluationSubjects(kind: .campaign, scope: .school).map(\.subject)
        }
    }

    /// The group `rater`'s ballot is counted with in `round`.
    package func evaluationGroup(of rater: Person, in round: EvaluationRound) -> String {
        EvaluationRound.group(branch: rater.branch, scope: round.scope)
    }
}
