import Foundation

/// The parts of a `multipart/form-data` body (a form with a file), as a browser sends it. Small and strict: the
/// boundary from the Content-Type, each part's name and file name from its Content-Disposition, its bytes as sent.
struct MultipartBody {
    struct Part {
        var name: String
        var fileName: String?
        var data: Data
    }

    var parts: [Part]

    func field(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.fileName != nil } }

    /// Nil when the content type is not multipart or the body is not well formed.
    init?(contentType: String, body: Data) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 200
        else { return nil }
        let delimiter = Data(("--" + boundary).utf8)
        let bytes = body
        var parts: [Part] = []
        guard var cursor = bytes.range(of: delimiter)?.upperBound else { return nil }
        while cursor < bytes.endIndex {
            // `--` after a delimiter closes the body.
            if bytes[cursor...].starts(with: Data("--".utf8)) { break }
            guard bytes[cursor...].starts(with: Data("\r\n".utf8)) else { return nil }
            let headStart = cursor + 2
            guard let headEnd = bytes.range(of: Data("\r\n\r\n".utf8), in: headStart..<bytes.endIndex) else {
                return nil
            }
            let head = String(decoding: bytes[headStart..<headEnd.lowerBound], as: UTF8.self)
            let contentStart = headEnd.upperBound
            guard let next = bytes.range(of: Data("\r\n".utf8) + delimiter, in: contentStart..<bytes.endIndex) else {
                return nil
            }
            var name: String?
            var fileName: String?
            for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                fileName = Self.parameter("filename", in: line)
            }
            if let name {
                parts.append(Part(name: name, fileName: fileName, data: Data(bytes[contentStart..<next.lowerBound])))
            }
            cursor = next.upperBound
        }
        self.parts = parts
    }

    /// `key=value` or `key="value"` from a header line's parameters.
    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}
