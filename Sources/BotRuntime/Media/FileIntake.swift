package import CampaignCore
package import CampaignStorage
import Crypto
package import Foundation

/// Where a file a teacher sends is checked and kept: its type by its first bytes, its size by its type, then
/// written durably beside the store under its SHA-256 before any record may point at it.
package struct FileIntake: Sendable {
    package let files: ContentFiles

    package init(storeDirectory: URL) { files = ContentFiles(storeDirectory: storeDirectory) }

    /// The largest file worth downloading at all (a document's limit); a platform that tells the size first is
    /// refused before the download.
    package static let maxBytes = 20 << 20

    /// `.tooLarge` when a platform announces a size no kind allows.
    package static func refusal(announcedSize size: Int?) -> IncomingFile? {
        guard let size, size > maxBytes else { return nil }
        return .tooLarge(kind: nil, size: size)
    }

    /// Checks `data` and keeps it; the answer says what the rules should tell the person.
    package func accept(_ data: Data, fileName: String?) throws -> IncomingFile {
        let name = Self.cleanName(fileName)
        guard let kind = FileKind.detect(data) else { return .unsupported(name: name ?? "该文件") }
        guard data.count <= kind.maxBytes else { return .tooLarge(kind: kind, size: data.count) }
        let hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        try files.write(data, hash: hash)
        let shown = name ?? "\(kind.isImage ? "照片" : "文件")-\(hash.prefix(8)).\(kind.defaultExtension)"
        return .stored(StoredFile(sha256: hash, size: data.count, kind: kind, fileName: shown))
    }

    /// The bytes of a kept file.
    package func data(_ file: StoredFile) throws -> Data {
        guard let data = try files.read(file.sha256) else {
            throw MissingFile(file: file, path: files.path(file.sha256))
        }
        return data
    }

    package struct MissingFile: Error, CustomStringConvertible {
        package var file: StoredFile
        package var path: String
        package var description: String { "the attached file \(file.fileName) is missing from \(path)" }
    }

    /// The last path component, without control characters, at most 100 characters; nil when nothing is left.
    static func cleanName(_ name: String?) -> String? {
        guard let name else { return nil }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(
            last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init)
        )
        .trimmingCharacters(in: .whitespaces)
        return clean.isEmpty || clean == "." || clean == ".." ? nil : String(clean.suffix(100))
    }
}
