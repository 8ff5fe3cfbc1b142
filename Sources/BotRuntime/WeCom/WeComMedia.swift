import Crypto
package import Foundation

/// Pictures and files over the WeCom server API: the app uploads a temporary media file (`media/upload`, kept three
/// days) and sends an `image` or `file` message with its `media_id`; a group robot sends a picture as base64 with
/// its MD5, and a file uploaded with `webhook/upload_media`.
extension WeComAPI {
    package enum MediaKind: String, Sendable {
        case image, file

        /// WeCom's limits: pictures up to 10 MB (a robot's up to 2 MB), files up to 20 MB.
        static let imageLimit = 10 << 20
        static let robotImageLimit = 2 << 20
        static let fileLimit = 20 << 20
    }

    /// Uploads a file for the app's messages; returns its `media_id`.
    package func uploadMedia(_ kind: MediaKind, fileName: String, mimeType: String, content: Data) async throws
        -> String
    {
        try await tokens.using { token in
            try await upload(
                "cgi-bin/media/upload",
                query: [
                    URLQueryItem(name: "access_token", value: token), URLQueryItem(name: "type", value: kind.rawValue),
                ],
                fileName: fileName, mimeType: mimeType, content: content)
        }
    }

    /// Sends the app's picture or file message to one member.
    package func sendMedia(toUser user: String, agentID: Int, _ kind: MediaKind, mediaID: String) async throws {
        let message = Message(touser: user, agentid: agentID, kind, Message.Media(media_id: mediaID))
        try await tokens.using { token in
            try await post(
                "cgi-bin/message/send", query: [URLQueryItem(name: "access_token", value: token)], body: message)
        }
    }

    /// A group robot's picture: the bytes themselves, base64 with their MD5 (at most 2 MB).
    package func robotSendImage(key: String, content: Data) async throws {
        let md5 = Insecure.MD5.hash(data: content).map { String(format: "%02x", $0) }.joined()
        try await post(
            "cgi-bin/webhook/send", query: [URLQueryItem(name: "key", value: key)],
            body: Message(.image, Message.Media(base64: content.base64EncodedString(), md5: md5)))
    }

    /// A group robot's file: uploaded with `webhook/upload_media`, then sent by its `media_id`.
    package func robotSendFile(key: String, fileName: String, mimeType: String, content: Data) async throws {
        let mediaID = try await upload(
            "cgi-bin/webhook/upload_media",
            query: [URLQueryItem(name: "key", value: key), URLQueryItem(name: "type", value: "file")],
            fileName: fileName, mimeType: mimeType, content: content)
        try await post(
            "cgi-bin/webhook/send", query: [URLQueryItem(name: "key", value: key)],
            body: Message(.file, Message.Media(media_id: mediaID)))
    }

    /// A multipart upload with the file in the part named `media` (with its `filelength`, as WeCom documents it).
    private func upload(_ path: String, query: [URLQueryItem], fileName: String, mimeType: String, content: Data)
        async throws -> String
    {
        var form = MultipartForm()
        form.add(
            file: "media", fileName: fileName, mimeType: mimeType, content: content,
            extraDisposition: "; filelength=\(content.count)")
        let request = OutboundRequest(
            "POST", try url(path, query), headers: [("Content-Type", form.contentType)], body: form.data, timeout: 60)
        let reply = try await Self.perform(request, http: http)
        guard let mediaID = reply.media_id, !mediaID.isEmpty else {
            throw WeComError.transient("\(path) returned no media_id")
        }
        return mediaID
    }
}

extension WeComAPI.Message {
    init(touser: String? = nil, agentid: Int? = nil, _ kind: WeComAPI.MediaKind, _ media: Media) {
        self.touser = touser
        self.agentid = agentid
        msgtype = kind.rawValue
        switch kind {
        case .image: image = media
        case .file: file = media
        }
    }
}
