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
            try reply(
                t(
                    "附件涉及个人记录，请在与我的私聊中发送或查看，例如：附件 W-0003。",
                    "Attachments are personal records; please use /attach in a private chat."))
            return
        }
        if let incoming = message.file {
            guard case .stored(let file) = incoming else { return try refuse(incoming) }
            guard let id else { return try hold(file, person) }
            return try place(file, on: id, person)
        }
        guard let id else { return try reply(myAttachmentsText(person)) }
        if number == nil, let held = state.heldFiles[message.identity.key],
            now.timeIntervalSince(held.at) < Self.heldFileLifetime
        {
            try emit(.holdFile(identity: message.identity.key, nil))
            return try place(held.file, on: id, person)
        }
        guard let record = try visibleRecord(id, person) else { return }
        let files = state.attachments[id] ?? []
        guard let number else { return try reply(listText(record, files)) }
        guard files.indices.contains(number - 1) else {
            return try reply(
                t(
                    "\(id) 没有第 \(number) 个附件（共 \(files.count) 个）。发送“附件 \(id)”可查看序号。",
                    "\(id) has no attachment \(number) (it has \(files.count))."))
        }
        let file = files[number - 1].file
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat,
                    text: t(
                        "\(id) 的第 \(number) 个附件：\(file.fileName)（\(file.kind.chineseName)，\(file.sizeText)）",
                        "\(id), attachment \(number): \(file.fileName)"),
                    replyTo: message.messageID, kind: .reply, staffID: person.staffID, createdAt: now,
                    media: .storedFile(file))))
    }

    private mutating func refuse(_ incoming: IncomingFile) throws {
        let example = "附件 W-0003"
        switch incoming {
        case .stored: return
        case .tooLarge(let kind, let size):
            let mb = String(format: "%.1f", Double(size) / Double(1 << 20))
            let limit =
                kind.map { $0.isImage ? "照片不能超过 10 MB" : "\($0.chineseName)不能超过 20 MB" }
                ?? "照片不能超过 10 MB，PDF 和 Office 文档不能超过 20 MB"
            try reply(
                t(
                    "文件太大（\(mb) MB）：\(limit)。请压缩后再发，并在说明里写上记录编号，例如：\(example)",
                    "The file is too large (\(mb) MB): photos up to 10 MB, documents up to 20 MB. Example caption: /attach W-0003"
                ))
        case .unsupported(let name):
            try reply(
                t(
                    "不能附加“\(name)”：只接受照片（JPEG、PNG）、PDF 和 Office 文档（Word、Excel、PowerPoint）。请另存为 PDF 或照片后再发，说明里写上记录编号，例如：\(example)",
                    "“\(name)” cannot be attached: only JPEG/PNG photos, PDF and Office documents. Example caption: /attach W-0003"
                ))
        case .unavailable(let why):
            try reply(
                t(
                    "没能取到您发的文件（\(why)），请再发一次，说明里写上记录编号，例如：\(example)",
                    "I could not fetch your file (\(why)); please send it again."))
        }
    }

    /// A file without a record id: kept for an hour, and the person is asked where it goes.
    private mutating func hold(_ file: StoredFile, _ person: Person) throws {
        try emit(.holdFile(identity: message.identity.key, HeldFile(file: file, at: now)))
        let ids =
            (state.works(of: person.staffID).map(\.id) + state.activeLessons(of: person.staffID).map(\.id)
            + state.visits(of: person.staffID).map(\.id)).suffix(6)
        let hint = ids.isEmpty ? "您还没有成果、示范课或家访记录，请先登记，再发“附件 编号”。" : "您的记录：\(ids.joined(separator: "、"))。"
        try reply(
            t(
                "收到\(file.kind.chineseName) \(file.fileName)（\(file.sizeText)）。请告诉我它属于哪条记录，例如：附件 \(ids.last ?? "W-0003")\n\(hint)",
                "Got \(file.fileName). Which record is it for? Example: /attach \(ids.last ?? "W-0003")"))
    }

    private mutating func place(_ file: StoredFile, on id: String, _ person: Person) throws {
        guard let record = try visibleRecord(id, person, attaching: true) else { return }
        let files = state.attachments[id] ?? []
        if let i = files.firstIndex(where: { $0.file.sha256 == file.sha256 }) {
            return try reply(
                t(
                    "这份文件已经附在 \(id) 上了（第 \(i + 1) 个），无需重复上传。",
                    "This file is already attached to \(id) (number \(i + 1))."))
        }
        try emit(.attach(recordID: id, RecordAttachment(file: file, by: person.staffID, at: now)))
        let privacy = record.isVisit ? "家访附件只有您本人和管理员能看到，不会进入简报或群聊。" : ""
        try reply(
            t(
                "已附到 \(id)（\(record.title)）：\(file.kind.chineseName) \(file.fileName)，\(file.sizeText)。该记录现有附件 \(files.count + 1) 个，发送“附件 \(id)”可查看。\(privacy)",
                "Attached to \(id): \(file.fileName) (\(file.sizeText)). It now has \(files.count + 1) attachment(s)."))
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
            let why =
                id.hasPrefix("P-") ? "承诺不能附文件；照片和文件可以附到成果（W-）、示范课（L-）或家访（V-）上。" : "没有找到记录 \(id)。发送“我的进度”可查看您的记录编号。"
            try reply(t(why + "例如：附件 W-0003", "No work, lesson or visit \(id). Example: /attach W-0003"))
            return nil
        }
        let own = record.owner?.staffID == person.staffID
        let allowed =
            own || person.permission == .admin
            || (!attaching && !record.isVisit && person.permission == .secretary
                && record.owner?.branch == person.branch)
        guard allowed else {
            let why =
                record.isVisit
                ? "家访记录涉及学生个人信息，只有登记的老师本人和管理员能查看其附件。"
                : attaching ? "只能给自己的记录添加附件。" : "您只能查看自己的（书记：本支部的）记录附件。"
            try reply(
                t(
                    "\(id) 不是您的记录：\(why)如需查看自己的附件，请发送“附件”。",
                    "\(id) is not yours: you may not see or add its attachments. Send /attach to list yours."))
            return nil
        }
        return record
    }

    private func listText(_ record: AttachableRecord, _ files: [RecordAttachment]) -> String {
        guard !files.isEmpty else {
            return t(
                "\(record.id)（\(record.title)）还没有附件。发照片或文件时在说明里写“附件 \(record.id)”即可附上。",
                "\(record.id) has no attachments. Send a photo with the caption /attach \(record.id).")
        }
        var lines = [t("\(record.id)（\(record.title)）的附件：", "Attachments of \(record.id):")]
        for (i, a) in files.enumerated() {
            lines.append(
                "  \(i + 1). \(a.file.fileName)（\(a.file.kind.chineseName)，\(a.file.sizeText)，\(CampaignTime.local(a.at).date.chinese)）"
            )
        }
        lines.append(t("发送“附件 \(record.id) 1”可取回第 1 个。", "Send /attach \(record.id) 1 to get the first one."))
        return lines.joined(separator: "\n")
    }

    private func myAttachmentsText(_ person: Person) -> String {
        let mine =
            (state.works(of: person.staffID).map(\.id) + state.lessons.filter { $0.staffID == person.staffID }.map(\.id)
            + state.visits(of: person.staffID).map(\.id)).filter { !(state.attachments[$0] ?? []).isEmpty }
        guard !mine.isEmpty else {
            return t(
                "您还没有附件。发照片或文件时，在说明里写上记录编号即可附上，例如：附件 W-0003",
                "You have no attachments yet. Send a photo with the caption /attach W-0003.")
        }
        let lines = mine.map { "  \($0)：\(state.attachments[$0]?.count ?? 0) 个" }
        return t("您的附件：\n", "Your attachments:\n") + lines.joined(separator: "\n")
            + t("\n发送“附件 编号”查看明细，例如：附件 \(mine[0])", "\nSend /attach ID for details.")
    }
}
