import CampaignIntents
import Foundation

/// `附件`: photos and documents on a work (W-), a demo lesson (L-) or a home visit (V-). The transport has already
/// checked and stored the file; these rules decide where it goes and who may see it. A home visit is about a minor:
/// its files are seen by the reporting teacher and admins only, never in a group chat.
extension Turn {
    /// How long a file sent without a record id waits for `附件 <编号>`.
    static let heldFileLifetime: TimeInterval = 3600

    static func isAttach(_ outcome: ParseOutcome) -> Bool {
        if case .command(let command) = outcome, command.intent.kind == .attach { return true }
        return false
    }

    /// The first record id (W-0003, l3, V-12) in a caption.
    static func recordID(in text: String) -> String? {
        let pattern = /(?i)(?:^|[^a-z])([lvwp])-?0*([1-9][0-9]{0,8})(?![0-9])/
        guard let match = text.firstMatch(of: pattern) else { return nil }
        return RecordID.make(match.1.uppercased(), Int(match.2) ?? 0)
    }

    mutating func attach(_ person: Person, _ id: String?, number: Int?) throws {
        guard !message.isGroup else {
            try reply(AttachmentReply.inGroup)
            return
        }
        if let incoming = message.file {
            guard case .stored(let file) = incoming else { return try refuse(incoming) }
            guard let id else { return try hold(file, person) }
            return try place(file, on: id, person)
        }
        guard let id else { return try reply(myAttachments(person)) }
        if number == nil, let held = state.heldFiles[message.identity.key],
            now.timeIntervalSince(held.at) < Self.heldFileLifetime
        {
            try emit(.holdFile(identity: message.identity.key, nil))
            return try place(held.file, on: id, person)
        }
        guard let record = try visibleRecord(id, person) else { return }
        let files = state.attachments[id] ?? []
        guard let number else { return try reply(AttachmentReply.list(record, files)) }
        guard files.indices.contains(number - 1) else {
            return try reply(AttachmentReply.noSuchNumber(id, number: number, count: files.count))
        }
        let file = files[number - 1].file
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat,
                    text: words(AttachmentReply.file(id, number: number, file)),
                    replyTo: message.messageID, kind: .reply, staffID: person.staffID, createdAt: now,
                    media: .storedFile(file))))
    }

    private mutating func refuse(_ incoming: IncomingFile) throws {
        switch incoming {
        case .stored: return
        case .tooLarge(let kind, let size): try reply(AttachmentReply.tooLarge(kind, size: size))
        case .unsupported(let name): try reply(AttachmentReply.unsupported(name))
        case .unavailable(let why): try reply(AttachmentReply.unavailable(why))
        }
    }

    /// A file without a record id: kept for an hour, and the person is asked where it goes.
    private mutating func hold(_ file: StoredFile, _ person: Person) throws {
        try emit(.holdFile(identity: message.identity.key, HeldFile(file: file, at: now)))
        let ids =
            (state.works(of: person.staffID).map(\.id) + state.activeLessons(of: person.staffID).map(\.id)
            + state.visits(of: person.staffID).map(\.id)).suffix(6)
        try reply(AttachmentReply.held(file, ids: Array(ids)))
    }

    private mutating func place(_ file: StoredFile, on id: String, _ person: Person) throws {
        guard let record = try visibleRecord(id, person, attaching: true) else { return }
        let files = state.attachments[id] ?? []
        if let i = files.firstIndex(where: { $0.file.sha256 == file.sha256 }) {
            return try reply(AttachmentReply.alreadyAttached(id, number: i + 1))
        }
        try emit(.attach(recordID: id, RecordAttachment(file: file, by: person.staffID, at: now)))
        try reply(AttachmentReply.attached(record, file, count: files.count + 1))
    }

    struct AttachableRecord {
        var id: String
        var owner: Person?
        var title: String
        var isVisit: Bool
    }

    /// The record, if `person` may see (or, `attaching`, add to) it; otherwise replies why not and returns nil.
    private mutating func visibleRecord(_ id: String, _ person: Person, attaching: Bool = false) throws
        -> AttachableRecord?
    {
        let record: AttachableRecord
        if let w = state.works.first(where: { $0.id == id }) {
            record = AttachableRecord(
                id: id, owner: state.roster[w.staffID], title: w.kind.chineseName + Work.quoted(w.title), isVisit: false
            )
        } else if let l = state.lesson(id) {
            record = AttachableRecord(
                id: id, owner: state.roster[l.staffID], title: "示范课 \(describe(l))", isVisit: false)
        } else if let v = state.visits.first(where: { $0.id == id }) {
            record = AttachableRecord(
                id: id, owner: state.roster[v.staffID], title: "\(v.date.chinese)家访", isVisit: true)
        } else {
            try reply(AttachmentReply.noSuchRecord(id))
            return nil
        }
        let own = record.owner?.staffID == person.staffID
        let allowed =
            own || person.permission == .admin
            || (!attaching && !record.isVisit && person.permission == .secretary
                && record.owner?.branch == person.branch)
        guard allowed else {
            try reply(AttachmentReply.notYours(record, attaching: attaching))
            return nil
        }
        return record
    }

    private func myAttachments(_ person: Person) -> AttachmentReply {
        let mine =
            (state.works(of: person.staffID).map(\.id) + state.lessons.filter { $0.staffID == person.staffID }.map(\.id)
            + state.visits(of: person.staffID).map(\.id)).filter { !(state.attachments[$0] ?? []).isEmpty }
        return .mine(mine.map { (id: $0, count: state.attachments[$0]?.count ?? 0) })
    }
}
