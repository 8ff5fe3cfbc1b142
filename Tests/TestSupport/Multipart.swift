package import Foundation

/// The parts of a `multipart/form-data` body, read as a server reads them (what the fakes check uploads with).
package enum Multipart {
    package struct Part: Sendable {
        package var name: String?
        package var fileName: String?
        /// `filelength=N` in the `Content-Disposition` (WeCom's uploads).
        package var fileLength: Int?
        package var contentType: String?
        package var content: Data
    }

    package static func parts(_ body: Data, contentType: String) -> [Part] {
        guard let range = contentType.range(of: "boundary=") else { return [] }
        var boundary = String(contentType[range.upperBound...])
        if let end = boundary.firstIndex(of: ";") { boundary = String(boundary[..<end]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let delimiter = Data("--\(boundary)".utf8)
        var parts: [Part] = []
        var cursor = body.startIndex
        while let start = body.range(of: delimiter, in: cursor..<body.endIndex) {
            var after = start.upperBound
            // The closing delimiter ends with "--".
            if body[after...].starts(with: Data("--".utf8)) { break }
            if body[after...].starts(with: Data("\r\n".utf8)) { after += 2 }
            guard let headersEnd = body.range(of: Data("\r\n\r\n".utf8), in: after..<body.endIndex),
                let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headersEnd.upperBound..<body.endIndex)
            else { break }
            let headers = String(decoding: body[after..<headersEnd.lowerBound], as: UTF8.self)
            var part = Part(content: Data(body[headersEnd.upperBound..<next.lowerBound]))
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
                guard lower.hasPrefix("content-disposition:") else { continue }
                for parameter in line.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                    }
                    guard pair.count == 2 else { continue }
                    switch pair[0] {
                    case "name": part.name = pair[1]
                    case "filename": part.fileName = pair[1]
                    // RFC 5987, as Python's requests writes a non-ASCII name: filename*=utf-8''%E5%9B%BE.png
                    case "filename*":
                        let encoded = pair[1].components(separatedBy: "''").last ?? pair[1]
                        part.fileName = encoded.removingPercentEncoding ?? encoded
                    case "filelength": part.fileLength = Int(pair[1])
                    default: break
                    }
                }
            }
            parts.append(part)
            cursor = next.lowerBound + 2
        }
        return parts
    }
}
