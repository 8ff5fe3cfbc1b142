package import Foundation

/// The kinds of file a teacher may attach, told apart by their first bytes (never by the name they came with).
package enum FileKind: String, Codable, Sendable, CaseIterable {
    case jpeg, png, pdf
    /// Word, Excel or PowerPoint since 2007 (a zip with `[Content_Types].xml`).
    case officeXML = "office_xml"
    /// Word, Excel or PowerPoint 97–2003 (an OLE compound file).
    case officeOLE = "office_ole"

    package var isImage: Bool { self == .jpeg || self == .png }

    /// Images up to 10 MB, documents up to 20 MB.
    package var maxBytes: Int { isImage ? 10 << 20 : 20 << 20 }

    package var chineseName: String {
        switch self {
        case .jpeg, .png: "照片"
        case .pdf: "PDF 文件"
        case .officeXML, .officeOLE: "Office 文档"
        }
    }

    /// The kind of `data` by its magic bytes; nil for anything else (text, executables, archives, HEIC …).
    package static func detect(_ data: Data) -> FileKind? {
        let head = [UInt8](data.prefix(8))
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .officeOLE }
        // Every OOXML package names its parts in [Content_Types].xml; other zips are not accepted.
        if starts([0x50, 0x4B, 0x03, 0x04]), data.range(of: Data("[Content_Types].xml".utf8)) != nil {
            return .officeXML
        }
        return nil
    }

    /// The MIME type, refined by the file's extension for Office files (the bytes say only "Office").
    package func mimeType(fileName: String) -> String {
        let ext = (fileName as NSString).pathExtension.lowercased()
        switch self {
        case .jpeg: return "image/jpeg"
        case .png: return "image/png"
        case .pdf: return "application/pdf"
        case .officeXML:
            switch ext {
            case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case "pptx": return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            default: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        case .officeOLE:
            switch ext {
            case "xls": return "application/vnd.ms-excel"
            case "ppt": return "application/vnd.ms-powerpoint"
            default: return "application/msword"
            }
        }
    }

    /// An extension for a file that came without a name (some platforms send photos unnamed).
    package var defaultExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        case .officeXML: "docx"
        case .officeOLE: "doc"
        }
    }
}

/// A file kept content-addressed beside the store (`files/sha256/ab/abcdef…`): the same bytes are kept once.
package struct StoredFile: Codable, Sendable, Hashable {
    /// SHA-256 of the content, lower-case hex.
    package var sha256: String
    package var size: Int
    package var kind: FileKind
    /// The name it came with (or one made up for a photo), for showing and for sending it back.
    package var fileName: String

    package init(sha256: String, size: Int, kind: FileKind, fileName: String) {
        self.sha256 = sha256
        self.size = size
        self.kind = kind
        self.fileName = fileName
    }

    package var mimeType: String { kind.mimeType(fileName: fileName) }

    /// 1.2 MB, 350 KB.
    package var sizeText: String {
        size >= 1 << 20 ? String(format: "%.1f MB", Double(size) / Double(1 << 20)) : "\(max(1, size / 1024)) KB"
    }
}

/// A file that came with a message, as the transport left it: kept (checked and durable), or refused and why.
package enum IncomingFile: Sendable, Equatable {
    case stored(StoredFile)
    /// Larger than its kind allows (kind nil: too large to be any of them, known before downloading).
    case tooLarge(kind: FileKind?, size: Int)
    /// Not a JPEG, PNG, PDF or Office file (`name` as it came).
    case unsupported(name: String)
    /// The platform would not hand it over (a download failed).
    case unavailable(String)
}
