import CampaignStorage
import Crypto
import Foundation

/// `cxzy store recover` also carries the attached files over: each one is read, checked against its name (the
/// SHA-256 of its bytes) and written into the new store; one that cannot be read or no longer matches is listed.
enum AttachmentRecovery {
    struct Outcome: Sendable {
        var copied = 0
        /// Hash → why it was not kept.
        var lost: [(String, String)] = []
    }

    static func copy(from store: URL, to newStore: URL) -> Outcome {
        let source = ContentFiles(storeDirectory: store)
        let destination = ContentFiles(storeDirectory: newStore)
        var outcome = Outcome()
        for hash in source.allHashes() {
            do {
                guard let data = try source.read(hash) else {
                    outcome.lost.append((hash, "gone while copying / 复制时已不存在"))
                    continue
                }
                let actual = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
                guard actual == hash else {
                    outcome.lost.append((hash, "its bytes no longer match its name (damaged) / 内容已损坏"))
                    continue
                }
                try destination.write(data, hash: hash)
                outcome.copied += 1
            } catch {
                outcome.lost.append((hash, "\(error)"))
            }
        }
        return outcome
    }

    /// What the admin reads under the recovery report.
    static func text(_ outcome: Outcome) -> String {
        var lines = [
            "附件文件：已复制 \(outcome.copied) 个" + (outcome.lost.isEmpty ? "，全部完好。" : "，\(outcome.lost.count) 个无法保留：")
        ]
        lines += outcome.lost.map { "  · \($0.0.prefix(12))… — \($0.1)" }
        lines.append(
            "Attached files: \(outcome.copied) copied"
                + (outcome.lost.isEmpty ? ", all intact." : "; \(outcome.lost.count) not kept (listed above)."))
        return lines.joined(separator: "\n")
    }
}
