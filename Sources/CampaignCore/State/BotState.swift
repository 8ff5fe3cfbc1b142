import CampaignIntents
import Foundation

/// Everything the bot remembers. Kept in the store as one JSON document plus a journal of `Change`s.
package struct BotState: Codable, Sendable {
    package var roster: [String: Person] = [:]
    /// SHA-256 (hex) of each person's unused one-time bind code.
    package var bindCodes: [String: String] = [:]
    /// Chat identity key (`platform:user`) → staff id.
    package var bindings: [String: String] = [:]
    /// Where to reach each person privately (reminders, broadcasts).
    package var directChats: [String: [ChatAddress]] = [:]
    package var pledges: [Pledge] = []
    package var lessons: [Lesson] = []
    package var visits: [Visit] = []
    package var works: [Work] = []
    package var remindersOff: Set<String> = []
    /// Messages not yet sent, oldest first.
    package var outbox: [OutboxMessage] = []
    package var nextOutboxID = 1
    /// `milestone|offset|staff` of every reminder already queued, so none is sent twice.
    package var sentReminders: Set<String> = []
    /// Each polling transport's position (its offset or sync token), saved with the effects it produced.
    package var positions: [String: String] = [:]
    /// Deliveries handled per transport, for platforms that name each delivery by id; saved with their effects.
    package var seenDeliveries: [String: SeenDeliveries] = [:]
    /// Last number used per record prefix (P, L, V, W).
    package var counters: [String: Int] = [:]
    /// Corrections of each record (by record id), oldest first; withdrawn records live on here only.
    package var history: [String: [RecordHistoryEntry]] = [:]
    /// A question the bot asked and waits an answer to, per chat identity key (a missing argument).
    package var pending: [String: PendingQuestion] = [:]
    /// Failed bind attempts per chat identity (reset on success), to stop code guessing.
    package var failedBinds: [String: Int] = [:]
    /// 对标定位: each member's current entry per phase (revisions keep the id; `history` keeps what it said).
    package var benchmarks: [Benchmark] = []
    /// 评选表彰: proposals, confirmed and rejected commendations.
    package var awards: [Commendation] = []
    /// Files attached to each record (by record id), oldest first.
    package var attachments: [String: [RecordAttachment]] = [:]
    /// A file sent without naming its record, per chat identity key, until `附件 <id>` places it.
    package var heldFiles: [String: HeldFile] = [:]
    /// 评议 rounds: tallies and "has voted" marks, and the ballots being filled in.
    package var evaluations = Evaluations()

    package init() {}

    package func person(bound identity: ChatIdentity) -> Person? {
        bindings[identity.key].flatMap { roster[$0] }
    }

    package func nextID(_ prefix: String) -> String { RecordID.make(prefix, (counters[prefix] ?? 0) + 1) }

    package func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }

    package func pledges(of staffID: String) -> [Pledge] { pledges.filter { $0.staffID == staffID } }
    package func works(of staffID: String) -> [Work] { works.filter { $0.staffID == staffID } }
    package func visits(of staffID: String) -> [Visit] { visits.filter { $0.staffID == staffID } }
    package func activeLessons(of staffID: String) -> [Lesson] {
        lessons.filter { $0.staffID == staffID && $0.isActive }
    }

    package var activePeople: [Person] {
        roster.values.filter(\.active).sorted { $0.staffID < $1.staffID }
    }
}

extension BotState {
    /// Applies one change. Ids must come in order, so replaying the journal rebuilds exactly the same state.
    package mutating func apply(_ change: Change) throws {
        switch change {
        case .importRoster(let people, let codes, let newDirectChats):
            let listed = Set(people.map(\.staffID))
            for (id, var person) in roster where !listed.contains(id) {
                person.active = false
                roster[id] = person
            }
            for person in people {
                roster[person.staffID] = person
                for identity in person.listedIdentities where bindings[identity.key] == nil {
                    bindings[identity.key] = person.staffID
                    // Where the roster's id is also the private chat, the bot can write first.
                    for address in newDirectChats[person.staffID] ?? []
                    where address.transport == identity.transport
                        && directChats[person.staffID]?.contains(where: { $0.transport == address.transport }) != true
                    {
                        addDirectChat(person.staffID, address)
                    }
                }
            }
            for (id, hash) in codes { bindCodes[id] = hash }
        case .setBindCode(let staffID, let hash):
            guard roster[staffID] != nil else { throw ChangeError("no person \(staffID)") }
            bindCodes[staffID] = hash
        case .bind(let identity, let staffID, let address):
            guard roster[staffID] != nil else { throw ChangeError("no person \(staffID)") }
            bindings[identity.key] = staffID
            bindCodes[staffID] = nil
            failedBinds[identity.key] = nil
            if let address { addDirectChat(staffID, address) }
        case .bindFailed(let identity):
            failedBinds[identity.key, default: 0] += 1
        case .addDirectChat(let staffID, let address):
            addDirectChat(staffID, address)
        case .pledge(let pledge):
            try take(pledge.id)
            if let i = pledges.firstIndex(where: { $0.id == pledge.id }) {
                pledges[i] = pledge
            } else {
                pledges.append(pledge)
            }
        case .bookLesson(let lesson):
            try take(lesson.id)
            lessons.append(lesson)
        case .cancelLesson(let id, let at):
            guard let i = lessons.firstIndex(where: { $0.id == id }) else { throw ChangeError("no lesson \(id)") }
            lessons[i].status = .cancelled
            lessons[i].cancelledAt = at
            lessons[i].nominated = false
        case .nominate(let id):
            guard let i = lessons.firstIndex(where: { $0.id == id }), let branch = roster[lessons[i].staffID]?.branch
            else {
                throw ChangeError("no lesson \(id)")
            }
            for j in lessons.indices where lessons[j].nominated && roster[lessons[j].staffID]?.branch == branch {
                lessons[j].nominated = false
            }
            lessons[i].nominated = true
        case .addVisit(let visit):
            try take(visit.id)
            visits.append(visit)
        case .addWork(let work):
            try take(work.id)
            works.append(work)
        case .setReminders(let staffID, let on):
            if on { remindersOff.remove(staffID) } else { remindersOff.insert(staffID) }
        case .enqueue(let message):
            guard message.id == nextOutboxID else {
                throw ChangeError("outbox id \(message.id) out of order (next \(nextOutboxID))")
            }
            nextOutboxID += 1
            outbox.append(message)
        case .markSent(let id):
            outbox.removeAll { $0.id == id }
        case .reminderQueued(let key):
            sentReminders.insert(key)
        case .setPosition(let transport, let value):
            positions[transport] = value
        case .sawDelivery(let transport, let id, let at):
            seenDeliveries[transport, default: SeenDeliveries()].insert(id, at: at)
        case .amend(let record, let entry):
            try amend(record)
            history[record.id, default: []].append(entry)
        case .withdraw(let id, let entry):
            if let i = pledges.firstIndex(where: { $0.id == id }) {
                pledges.remove(at: i)
            } else if let i = visits.firstIndex(where: { $0.id == id }) {
                visits.remove(at: i)
            } else if let i = works.firstIndex(where: { $0.id == id }) {
                works.remove(at: i)
            } else if let i = lessons.firstIndex(where: { $0.id == id }) {
                lessons[i].status = .cancelled
                lessons[i].cancelledAt = entry.at
                lessons[i].nominated = false
            } else {
                throw ChangeError("no record \(id)")
            }
            history[id, default: []].append(entry)
        case .setPending(let identity, let question):
            pending[identity] = question
        case .attach(let recordID, let attachment):
            guard
                lessons.contains(where: { $0.id == recordID }) || works.contains(where: { $0.id == recordID })
                    || visits.contains(where: { $0.id == recordID })
            else { throw ChangeError("no record \(recordID)") }
            if attachments[recordID]?.contains(where: { $0.file.sha256 == attachment.file.sha256 }) != true {
                attachments[recordID, default: []].append(attachment)
            }
        case .holdFile(let identity, let file):
            heldFiles[identity] = file
        case .confirmLesson(let id, let held, let entry):
            guard let i = lessons.firstIndex(where: { $0.id == id }) else { throw ChangeError("no lesson \(id)") }
            lessons[i].status = held ? .held : .notHeld
            if !held { lessons[i].nominated = false }
            history[id, default: []].append(entry)
        case .benchmark(let benchmark, let entry):
            try take(benchmark.id)
            if let i = benchmarks.firstIndex(where: { $0.id == benchmark.id }) {
                benchmarks[i] = benchmark
            } else {
                benchmarks.append(benchmark)
            }
            if let entry { history[benchmark.id, default: []].append(entry) }
        case .award(let award):
            try take(award.id)
            if let i = awards.firstIndex(where: { $0.id == award.id }) {
                awards[i] = award
            } else {
                awards.append(award)
            }
        case .evaluationOpen(let round): try evaluations.open(round)
        case .evaluationClose(let round, let at): try evaluations.close(round: round, at: at)
        case .evaluationBallot(let rater, let ballot): try evaluations.setBallot(rater, ballot)
        case .evaluationCast(let rater): try evaluations.cast(rater)
        case .evaluationSealsLost(let round, let groups):
            try evaluations.dropUnreadableSeals(round: round, groups: groups)
        case .evaluationForgotten(let count): evaluations.unforgotten = max(0, evaluations.unforgotten - count)
        case .eraseStudentData(let ids): eraseStudentData(ids)
        }
    }

    private mutating func amend(_ record: AmendedRecord) throws {
        switch record {
        case .pledge(let r):
            guard let i = pledges.firstIndex(where: { $0.id == r.id }) else { throw ChangeError("no pledge \(r.id)") }
            pledges[i] = r
        case .lesson(let r):
            guard let i = lessons.firstIndex(where: { $0.id == r.id }) else { throw ChangeError("no lesson \(r.id)") }
            lessons[i] = r
        case .visit(let r):
            guard let i = visits.firstIndex(where: { $0.id == r.id }) else { throw ChangeError("no visit \(r.id)") }
            visits[i] = r
        case .work(let r):
            guard let i = works.firstIndex(where: { $0.id == r.id }) else { throw ChangeError("no work \(r.id)") }
            works[i] = r
        }
    }

    private mutating func addDirectChat(_ staffID: String, _ address: ChatAddress) {
        var list = directChats[staffID] ?? []
        list.removeAll { $0.transport == address.transport }
        list.append(address)
        directChats[staffID] = list
    }

    /// Advances the counter of `id`'s prefix when `id` is a new one; replacing an existing record is fine.
    private mutating func take(_ id: String) throws {
        guard let dash = id.firstIndex(of: "-"), let n = Int(id[id.index(after: dash)...]) else {
            throw ChangeError("bad id \(id)")
        }
        let prefix = String(id[..<dash])
        let last = counters[prefix] ?? 0
        if n == last + 1 {
            counters[prefix] = n
        } else if n > last {
            throw ChangeError("id \(id) skips ahead of \(prefix)-\(last)")
        }
    }
}
