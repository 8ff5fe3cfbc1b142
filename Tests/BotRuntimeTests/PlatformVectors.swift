import BotRuntime
import Foundation
import Testing

/// The platforms' published sample vectors (Fixtures/platform-vectors.json).
struct PlatformVectors: Decodable {
    struct WeCom: Decodable {
        struct URLVerification: Decodable {
            var timestamp, nonce, echostr, msgSignature, plaintext: String
        }
        struct Message: Decodable {
            var timestamp, nonce, encrypt, msgSignature, agentId, plaintext: String
        }
        var token, encodingAesKey, receiveId: String
        var urlVerification: URLVerification
        var message: Message
    }
    struct DingTalk: Decodable {
        var token, aesKey, receiveId, timestamp, nonce, encrypt, signature, plaintext: String
    }
    var wecom: WeCom
    var dingtalkHttpCallback: DingTalk

    static func load() throws -> PlatformVectors {
        let url = try #require(
            Bundle.module.url(forResource: "platform-vectors", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PlatformVectors.self, from: Data(contentsOf: url))
    }

    func wecomCipher(receiveID: String? = nil) throws -> CallbackCipher {
        try CallbackCipher(
            token: wecom.token, encodingAESKey: wecom.encodingAesKey, receiveID: receiveID ?? wecom.receiveId)
    }
}
