package import Foundation

/// The DingTalk open API the bot uses (`{base}/v1.0/…`): an app access token (`oauth2/accessToken`), a Stream
/// connection ticket (`gateway/connections/open`), and the robot's messages to a member (`robot/oToMessages/batchSend`)
/// or a group (`robot/groupMessages/send`). Neither the client secret nor the token is ever logged.
package struct DingTalkAPI: Sendable {
    /// Requests in flight at once. DingTalk's send APIs take no idempotency key, so a reply whose answer a crash cut off
    /// is sent again after the restart: this bounds how many (the platform's own send limits are lower still).
    package static let connections = 4

    package let base: URL
    let clientID: String
    let robotCode: String
    private let clientSecret: String
    private let http: any OutboundHTTP
    private let tokens: AccessTokenCache

    /// The Stream topic of the robot's incoming messages.
    static let robotTopic = "/v1.0/im/bot/messages/get"

    package init(base: URL, clientID: String, clientSecret: String, robotCode: String, http: (any OutboundHTTP)? = nil)
    {
        let http = http ?? CurlHTTP(maxConnectionsPerHost: Self.connections)
        self.base = base
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.robotCode = robotCode
        self.http = http
        tokens = AccessTokenCache(platform: DingTalkTransport.name) { [base] in
            let reply = try await Self.post(
                base, "v1.0/oauth2/accessToken", body: Credentials(appKey: clientID, appSecret: clientSecret),
                token: nil, http: http)
            guard let token = reply.accessToken, !token.isEmpty else {
                throw OpenAPIError(.transient, "DingTalk", "oauth2/accessToken returned no accessToken")
            }
            return (token, TimeInterval(reply.expireIn ?? 7200))
        }
    }

    struct Reply: Decodable {
        var code: String?
        var message: String?
        var accessToken: String?
        var expireIn: Int?
        var endpoint: String?
        var ticket: String?
        var processQueryKey: String?
        var invalidStaffIdList: [String]?
        var flowControlledStaffIdList: [String]?
    }

    struct Credentials: Encodable {
        var appKey: String
        var appSecret: String
    }

    /// A valid app access token (cached).
    package func accessToken() async throws -> String { try await tokens.token() }

    /// A Stream endpoint and its one-time ticket, subscribed to the robot's messages.
    func openConnection() async throws -> (endpoint: String, ticket: String) {
        struct Subscription: Encodable { var type: String; var topic: String }
        struct Open: Encodable {
            var clientId: String
            var clientSecret: String
            var subscriptions: [Subscription]
            var ua: String
            var localIp: String
        }
        let body = Open(
            clientId: clientID, clientSecret: clientSecret,
            subscriptions: [Subscription(type: "CALLBACK", topic: Self.robotTopic)], ua: "cxzy", localIp: "")
        let reply = try await Self.post(base, "v1.0/gateway/connections/open", body: body, token: nil, http: http)
        guard let endpoint = reply.endpoint, let ticket = reply.ticket, !endpoint.isEmpty, !ticket.isEmpty else {
            throw OpenAPIError(.transient, "DingTalk", "gateway/connections/open returned no endpoint or ticket")
        }
        return (endpoint, ticket)
    }

    /// The text message body every robot send API takes: `msgKey` and `msgParam` (a JSON string).
    struct Text: Encodable {
        var robotCode: String
        var userIds: [String]?
        var openConversationId: String?
        var msgKey = "sampleText"
        var msgParam: String

        init(robotCode: String, userIds: [String]? = nil, openConversationId: String? = nil, content: String) {
            self.robotCode = robotCode
            self.userIds = userIds
            self.openConversationId = openConversationId
            let param = (try? JSONEncoder().encode(["content": content])) ?? Data("{}".utf8)
            msgParam = String(decoding: param, as: UTF8.self)
        }
    }

    /// The robot's message in the member's private chat with it (`userid` = their staff id).
    package func send(toUser user: String, content: String) async throws {
        let body = Text(robotCode: robotCode, userIds: [user], content: content)
        let reply = try await tokens.using { token in
            try await Self.post(base, "v1.0/robot/oToMessages/batchSend", body: body, token: token, http: http)
        }
        if reply.invalidStaffIdList?.contains(user) == true {
            throw OpenAPIError(.rejected, "DingTalk", "\(user) is not a member the robot can reach")
        }
        if reply.flowControlledStaffIdList?.contains(user) == true {
            throw OpenAPIError(.tooFrequent, "DingTalk", "flow-controlled staff id")
        }
    }

    /// The robot's message in a group it is in (`openConversationId`, the `conversationId` of the group's messages).
    package func send(toGroup conversation: String, content: String) async throws {
        let body = Text(robotCode: robotCode, openConversationId: conversation, content: content)
        _ = try await tokens.using { token in
            try await Self.post(base, "v1.0/robot/groupMessages/send", body: body, token: token, http: http)
        }
    }

    private static func post(_ base: URL, _ path: String, body: some Encodable, token: String?, http: any OutboundHTTP)
        async throws -> Reply
    {
        var headers = [(name: "Content-Type", value: "application/json; charset=utf-8")]
        if let token { headers.append(("x-acs-dingtalk-access-token", token)) }
        let request = OutboundRequest(
            "POST", base.appendingPathComponent(path), headers: headers, body: try JSONEncoder().encode(body))
        let (data, status) = try await http.exchange(request) { OpenAPIError(.transient, "DingTalk", $0) }
        let reply = try? JSONDecoder().decode(Reply.self, from: data)
        guard (200..<300).contains(status) else {
            throw OpenAPIError.dingTalk(
                status: status, code: reply?.code ?? "", message: reply?.message ?? "", credentials: token == nil)
        }
        guard let reply else {
            throw OpenAPIError(.transient, "DingTalk", "unreadable answer (HTTP \(status), \(data.count) bytes)")
        }
        return reply
    }
}
