package import CampaignCore
package import CampaignStorage
package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the bot's ballot key comes from (`BallotSeal`): `CXZY_BALLOT_KEY` (32 bytes, base64) when set, else a file
/// beside the store's directory — never inside it — made (mode 0600) with a new random key the first time a store
/// is opened for writing. So the store's files, its backups and any copy of its directory hold sealed 评议 sums
/// that cannot be opened without the key (docs/evaluation.md).
package enum BallotKey {
    package static let variable = "CXZY_BALLOT_KEY"

    /// The key file of the store at `directory`: `DIR.ballot-key`, in the directory that holds `DIR`.
    package static func file(for directory: URL) -> URL {
        let directory = directory.standardizedFileURL
        return directory.deletingLastPathComponent().appendingPathComponent(directory.lastPathComponent + ".ballot-key")
    }

    /// A key that cannot be used, in the operator's two languages.
    package struct Problem: Error, CustomStringConvertible {
        package var description: String
    }

    /// The seal for the store at `directory`; nil when there is no key and `create` is false (a command that only
    /// reads: sealed sums stay closed to it, and it writes them back as they were).
    package static func load(storeDirectory directory: URL, environment: [String: String], create: Bool) throws(Problem)
        -> BallotSeal?
    {
        if let text = environment[variable], !text.isEmpty {
            guard
                let seal = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap({
                    BallotSeal(key: $0)
                })
            else {
                throw Problem(
                    description:
                        "\(variable) must be \(BallotSeal.keyBytes) random bytes in base64 (e.g. `head -c 32 /dev/urandom | base64`) — \(variable) 须为 \(BallotSeal.keyBytes) 字节随机数的 base64 编码"
                )
            }
            return seal
        }
        let keyFile = file(for: directory)
        if let seal = try read(keyFile) { return seal }
        guard create else { return nil }
        let (seal, key) = BallotSeal.random()
        let made = open(keyFile.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard made >= 0 else {
            let reason = String(cString: strerror(errno))
            // Another process made it meanwhile: theirs is the key.
            if errno == EEXIST, let seal = try read(keyFile) { return seal }
            throw Problem(description: "cannot create the ballot key file \(keyFile.path): \(reason) — 无法创建评议密钥文件")
        }
        let line = Data((key.base64EncodedString() + "\n").utf8)
        let written = line.withUnsafeBytes { write(made, $0.baseAddress, $0.count) }
        let synced = fsync(made) == 0
        close(made)
        guard written == line.count, synced else {
            unlink(keyFile.path)
            throw Problem(description: "cannot write the ballot key file \(keyFile.path) — 无法写入评议密钥文件")
        }
        return seal
    }

    /// The key in `file`, narrowed to mode 0600 if it was wider; nil when there is no such file.
    private static func read(_ file: URL) throws(Problem) -> BallotSeal? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: file.path),
            let bytes = Data(
                base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            let seal = BallotSeal(key: bytes)
        else {
            throw Problem(
                description:
                    "the ballot key file \(file.path) cannot be read as a key; restore it from where it was kept, or move it away to start with a new key (sealed 评议 ballots not yet counted are then asked again) — 评议密钥文件无法读取：请从备份恢复；若移走它，尚未计入的评议需要重新提交"
            )
        }
        chmod(file.path, 0o600)
        return seal
    }

    /// The store options that let the store read and write sealed sums with `seal`.
    package static func options(_ options: StoreOptions, seal: BallotSeal?) -> StoreOptions {
        var options = options
        if let seal { options.codingUserInfo[BallotSeal.userInfoKey] = seal }
        return options
    }
}
