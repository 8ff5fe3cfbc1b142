import CampaignIntents
import Foundation

/// What the attachment rules decided, and all of their words.
enum AttachmentReply: Reply {
    /// Attachments are personal records: private chats only.
    case inGroup
    case noSuchNumber(String, number: Int, count: Int)
    /// The caption of a file sent back.
    case file(String, number: Int, StoredFile)
    case tooLarge(FileKind?, size: Int)
    case unsupported(String)
    /// The platform did not hand over the file.
    case unavailable(String)
    /// A file without a record id, kept; `ids`: the person's latest records.
    case held(StoredFile, ids: [String])
    case alreadyAttached(String, number: Int)
    /// Attached as the record's `count`th file.
    case attached(Turn.AttachableRecord, StoredFile, count: Int)
    case noSuchRecord(String)
    /// `person` may not see (or, `attaching`, add to) the record's files.
    case notYours(Turn.AttachableRecord, attaching: Bool)
    case list(Turn.AttachableRecord, [RecordAttachment])
    /// The person's records with files, and how many each has.
    case mine([(id: String, count: Int)])

    func text(english: Bool) -> String {
        let example = "附件 W-0003"
        switch self {
        case .inGroup:
            return english
                ? "Attachments are personal records; please use /attach in a private chat."
                : "附件涉及个人记录，请在与我的私聊中发送或查看，例如：附件 W-0003。"
        case .noSuchNumber(let id, let number, let count):
            return english
                ? "\(id) has no attachment \(number) (it has \(count))."
                : "\(id) 没有第 \(number) 个附件（共 \(count) 个）。发送“附件 \(id)”可查看序号。"
        case .file(let id, let number, let file):
            return english
                ? "\(id), attachment \(number): \(file.fileName)"
                : "\(id) 的第 \(number) 个附件：\(file.fileName)（\(file.kind.chineseName)，\(file.sizeText)）"
        case .tooLarge(let kind, let size):
            let mb = String(format: "%.1f", Double(size) / Double(1 << 20))
            let limit =
                kind.map { $0.isImage ? "照片不能超过 10 MB" : "\($0.chineseName)不能超过 20 MB" }
                ?? "照片不能超过 10 MB，PDF 和 Office 文档不能超过 20 MB"
            return english
                ? "The file is too large (\(mb) MB): photos up to 10 MB, documents up to 20 MB. Example caption: /attach W-0003"
                : "文件太大（\(mb) MB）：\(limit)。请压缩后再发，并在说明里写上记录编号，例如：\(example)"
        case .unsupported(let name):
            return english
                ? "“\(name)” cannot be attached: only JPEG/PNG photos, PDF and Office documents. Example caption: /attach W-0003"
                : "不能附加“\(name)”：只接受照片（JPEG、PNG）、PDF 和 Office 文档（Word、Excel、PowerPoint）。请另存为 PDF 或照片后再发，说明里写上记录编号，例如：\(example)"
        case .unavailable(let why):
            return english
                ? "I could not fetch your file (\(why)); please send it again."
                : "没能取到您发的文件（\(why)），请再发一次，说明里写上记录编号，例如：\(example)"
        case .held(let file, let ids):
            let hint = ids.isEmpty ? "您还没有成果、示范课或家访记录，请先登记，再发“附件 编号”。" : "您的记录：\(ids.joined(separator: "、"))。"
            return english
                ? "Got \(file.fileName). Which record is it for? Example: /attach \(ids.last ?? "W-0003")"
                : "收到\(file.kind.chineseName) \(file.fileName)（\(file.sizeText)）。请告诉我它属于哪条记录，例如：附件 \(ids.last ?? "W-0003")\n\(hint)"
        case .alreadyAttached(let id, let number):
            return english
                ? "This file is already attached to \(id) (number \(number))."
                : "这份文件已经附在 \(id) 上了（第 \(number) 个），无需重复上传。"
        case .attached(let record, let file, let count):
            let id = record.id
            let privacy = record.isVisit ? "家访附件只有您本人和管理员能看到，不会进入简报或群聊。" : ""
            return english
                ? "Attached to \(id): \(file.fileName) (\(file.sizeText)). It now has \(count) attachment(s)."
                : "已附到 \(id)（\(record.title)）：\(file.kind.chineseName) \(file.fileName)，\(file.sizeText)。该记录现有附件 \(count) 个，发送“附件 \(id)”可查看。\(privacy)"
        case .noSuchRecord(let id):
            let why =
                id.hasPrefix("P-") ? "承诺不能附文件；照片和文件可以附到成果（W-）、示范课（L-）或家访（V-）上。" : "没有找到记录 \(id)。发送“我的进度”可查看您的记录编号。"
            return english ? "No work, lesson or visit \(id). Example: /attach W-0003" : why + "例如：附件 W-0003"
        case .notYours(let record, let attaching):
            let why =
                record.isVisit
                ? "家访记录涉及学生个人信息，只有登记的老师本人和管理员能查看其附件。"
                : attaching ? "只能给自己的记录添加附件。" : "您只能查看自己的（书记：本支部的）记录附件。"
            return english
                ? "\(record.id) is not yours: you may not see or add its attachments. Send /attach to list yours."
                : "\(record.id) 不是您的记录：\(why)如需查看自己的附件，请发送“附件”。"
        case .list(let record, let files):
            guard !files.isEmpty else {
                return english
                    ? "\(record.id) has no attachments. Send a photo with the caption /attach \(record.id)."
                    : "\(record.id)（\(record.title)）还没有附件。发照片或文件时在说明里写“附件 \(record.id)”即可附上。"
            }
            var lines = [english ? "Attachments of \(record.id):" : "\(record.id)（\(record.title)）的附件："]
            for (i, a) in files.enumerated() {
                lines.append(
                    "  \(i + 1). \(a.file.fileName)（\(a.file.kind.chineseName)，\(a.file.sizeText)，\(CampaignTime.local(a.at).date.chinese)）"
                )
            }
            lines.append(
                english ? "Send /attach \(record.id) 1 to get the first one." : "发送“附件 \(record.id) 1”可取回第 1 个。")
            return lines.joined(separator: "\n")
        case .mine(let mine):
            guard let first = mine.first else {
                return english
                    ? "You have no attachments yet. Send a photo with the caption /attach W-0003."
                    : "您还没有附件。发照片或文件时，在说明里写上记录编号即可附上，例如：附件 W-0003"
            }
            let lines = mine.map { "  \($0.id)：\($0.count) 个" }
            return (english ? "Your attachments:\n" : "您的附件：\n") + lines.joined(separator: "\n")
                + (english ? "\nSend /attach ID for details." : "\n发送“附件 编号”查看明细，例如：附件 \(first.id)")
        }
    }
}
