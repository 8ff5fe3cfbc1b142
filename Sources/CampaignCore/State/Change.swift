import CampaignIntents
package import Foundation

/// One durable change to the state. A commit is a list of these, applied all or none.
package enum Change: Codable, Sendable, Equatable {
    /// `directChats`: the private chats the roster's ids give, on platforms that address a person by their user id.
    case importRoster(people: [Person], codes: [String: String], directChats: [String: [ChatAddress]])
    case setBindCode(staffID: String, hash: String)
    case bind(identity: ChatIdentity, staffID: String, address: ChatAddress?)
    case bindFailed(identity: ChatIdentity)
    case addDirectChat(staffID: String, address: ChatAddress)
    case pledge(Pledge)
    case bookLesson(Lesson)
    case cancelLesson(id: String, at: Date)
    case nominate(id: String)
    case addVisit(Visit)
    case addWork(Work)
    case setReminders(staffID: String, on: Bool)
    case enqueue(OutboxMessage)
    case markSent(outboxID: Int)
    case reminderQueued(key: String)
    case setPosition(transport: String, value: String)
    case sawDelivery(transport: String, id: String, at: Date)
    /// A correction: the record replaced by its new form, the change kept in its history.
    case amend(AmendedRecord, entry: RecordHistoryEntry)
    /// A pledge, visit or work withdrawn (removed; its history keeps what it said), or a lesson cancelled.
    case withdraw(id: String, entry: RecordHistoryEntry)
    /// A lesson confirmed taught (or not).
    case confirmLesson(id: String, held: Bool, entry: RecordHistoryEntry)
    /// The bot asked `identity` a question (nil: the question is answered or dropped).
    case setPending(identity: String, PendingQuestion?)
    /// A member's 对标 recorded, or revised (`entry`: what it said before).
    case benchmark(Benchmark, entry: RecordHistoryEntry?)
    /// A commendation proposed, confirmed, rejected or announced (the same id throughout).
    case award(Commendation)
    /// A file attached to a record (the same content twice on one record is kept once).
    case attach(recordID: String, RecordAttachment)
    /// A file waiting for its record (nil: placed or dropped).
    case holdFile(identity: String, HeldFile?)
    /// 评议: a round opened, closed (its unfinished ballots dropped), a rater's unfinished ballot (nil: dropped),
    /// a finished ballot counted, and the store's copies of ballots forgotten.
    case evaluationOpen(EvaluationRound)
    case evaluationClose(round: Int, at: Date)
    case evaluationBallot(rater: String, EvaluationBallot?)
    case evaluationCast(rater: String)
    /// Sealed ballots of these groups that the ballot key at hand cannot open (it was lost or replaced) are dropped:
    /// their raters may rate again (`Evaluations.dropUnreadableSeals`).
    case evaluationSealsLost(round: Int, groups: [String])
    /// The student data of these visits erased (retention date passed, or on request): `BotState.eraseStudentData`.
    case eraseStudentData(visits: [String])
    /// The store forgot the ballots of `count` casts and closes (BallotForgetting).
    case evaluationForgotten(count: Int)
}

extension Change {
    /// True when the change puts a message in the outbox (the senders must look).
    package var queuesMessage: Bool {
        if case .enqueue = self { return true }
        return false
    }

    /// True for changes `BotState.apply` never refuses.
    package var cannotFail: Bool {
        switch self {
        case .markSent, .reminderQueued, .setPosition, .sawDelivery, .setReminders, .bindFailed, .addDirectChat,
            .setPending,
            .holdFile:
            true
        default: false
        }
    }
}

package struct ChangeError: Error, CustomStringConvertible, Sendable {
    package var description: String
    init(_ description: String) { self.description = description }
}
