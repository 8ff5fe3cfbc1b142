import Foundation

/// What travels over the fake's Stream connection: the frames it pushes, the ACKs it reads back, and the robot
/// messages it carries.
extension FakeDingTalk {
    /// An ACK frame as the client sent it.
    package struct Ack: Sendable {
        package var code: Int?
        package var messageID: String?
        package var contentType: String?
        package var message: String?
        /// The `data` JSON text, decoded as string pairs when it is an object of strings.
        package var data: String?
        package var dataObject: [String: String]? {
            data.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
        }
    }

    static func frame(type: String, topic: String, messageID: String, data: String) -> String {
        let headers: [String: String] = [
            "appId": "fake-app", "connectionId": "fake-connection", "contentType": "application/json",
            "messageId": messageID, "time": String(Int(Date().timeIntervalSince1970 * 1000)), "topic": topic,
        ]
        let object: [String: Any] = ["specVersion": "1.0", "type": type, "headers": headers, "data": data]
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: json, as: UTF8.self)
    }

    /// The `data` of a robot message (a CALLBACK frame's JSON text, or the body of the HTTP callback): text from a
    /// member, in their private chat or (with `group`) a group, @-ing the robot or not.
    package static func textMessage(
        from user: String, text: String, msgID: String, group: String? = nil, atRobot: Bool = true,
        robotCode: String = "dingcxzytestapp"
    ) -> String {
        var object: [String: Any] = [
            "msgId": msgID, "msgtype": "text", "text": ["content": text], "senderStaffId": user,
            "senderId": "$:LWCP_v1:$\(user)",
            "senderNick": "老师\(user)", "conversationType": group == nil ? "1" : "2",
            "conversationId": group ?? "cidPrivate\(user)", "chatbotUserId": "$:LWCP_v1:$robot", "robotCode": robotCode,
            "createAt": Int(Date().timeIntervalSince1970 * 1000), "isAdmin": false, "senderCorpId": "dingcorp",
            "chatbotCorpId": "dingcorp", "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=fake",
            "sessionWebhookExpiredTime": Int(Date().timeIntervalSince1970 * 1000) + 5_400_000,
        ]
        if group != nil {
            object["isInAtList"] = atRobot
            object["conversationTitle"] = "语文支部"
            object["atUsers"] = atRobot ? [["dingtalkId": "$:LWCP_v1:$robot"]] : []
        }
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: json, as: UTF8.self)
    }
}
