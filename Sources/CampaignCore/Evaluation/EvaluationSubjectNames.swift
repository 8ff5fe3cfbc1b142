import CampaignIntents

/// Whom or what a 评议 rates, as found on the roster: the school's work, a branch's work, or a person.
enum EvaluationSubject {
    case school
    case branch(String)
    case person(Person)
    /// An id no longer on the roster.
    case unknown(String)

    /// How a subject is named to a rater or in results.
    func name(english: Bool) -> String {
        switch self {
        case .school: english ? "the school's campaign work" : "全校（党总支）的创先争优活动"
        case .branch(let branch): english ? "the campaign work of \(branch)" : "\(branch)的创先争优活动"
        case .person(let person):
            english
                ? "\(person.name) (\(person.staffID), \(person.branch))"
                : "\(person.branch) \(person.name)（\(person.staffID)）"
        case .unknown(let id): id
        }
    }

    /// Subjects named by branch: `· 语文支部：陈雅琴、李明`, or the branches' and the school's work.
    static func list(_ subjects: [EvaluationSubject], english: Bool) -> String {
        var byBranch: [(branch: String, names: [String])] = []
        for subject in subjects {
            let branch: String
            let label: String
            switch subject {
            case .school:
                branch = english ? "school" : "全校"
                label = subject.name(english: english)
            case .branch(let name):
                branch = name
                label = subject.name(english: english)
            case .person(let person):
                branch = person.branch
                label = "\(person.name)（\(person.staffID)）"
            case .unknown(let id):
                branch = ""
                label = id
            }
            if let i = byBranch.firstIndex(where: { $0.branch == branch }) {
                byBranch[i].names.append(label)
            } else {
                byBranch.append((branch, [label]))
            }
        }
        return byBranch.map { "· \($0.branch)：" + $0.names.joined(separator: english ? ", " : "、") }.joined(
            separator: "\n")
    }
}

extension EvaluationScope {
    func text(english: Bool) -> String {
        switch self {
        case .branch: english ? "by branch" : "按支部评议"
        case .school: english ? "across the school" : "全校范围互评"
        }
    }
}

extension Turn {
    /// A subject id (a staff id, `branch:…` or the school) as found on the roster.
    func evaluationSubject(_ subject: String) -> EvaluationSubject {
        if subject == EvaluationRound.school { return .school }
        if subject.hasPrefix("branch:") { return .branch(String(subject.dropFirst("branch:".count))) }
        guard let person = state.roster[subject] else { return .unknown(subject) }
        return .person(person)
    }
}
