package import Foundation

/// A `multipart/form-data` body: text fields, then one file (the platforms' upload calls).
package struct MultipartForm: Sendable {
    package let boundary = "cxzy-" + UUID().uuidString
    private var body = Data()

    package init() {}

    /// `Content-Type` of the request.
    package var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    package mutating func add(field name: String, _ value: String) {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
    }

    /// `extraDisposition` is appended to the part's `Content-Disposition` (e.g. `filelength=N`, where a platform wants it).
    package mutating func add(
        file name: String, fileName: String, mimeType: String, content: Data, extraDisposition: String = ""
    ) {
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\(extraDisposition)\r\nContent-Type: \(mimeType)\r\n\r\n"
                    .utf8))
        body.append(content)
        body.append(Data("\r\n".utf8))
    }

    /// The finished body.
    package var data: Data { body + Data("--\(boundary)--\r\n".utf8) }
}
