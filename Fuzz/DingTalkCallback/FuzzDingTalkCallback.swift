import Foundation
import FuzzDriver

/// What the symlinked DingTalk files need of the transport.
enum DingTalkTransport {
    static let name = "dingtalk"
}

/// libFuzzer's entry: DingTalk's HTTP-mode callback as the listener reads it (`DingTalkSignature.verify` on the
/// `timestamp` and `sign` headers, then the body decoded and `DingTalkRobotMessage.incoming`), the files shared by
/// symlinks. The first byte picks what the rest is:
/// 0. `timestamp`, `sign` and the body separated by zero bytes, as an attacker sends them;
/// 1. a body sent with a right, fresh pair (percent-encoded or not);
/// 2. a timestamp (text) signed right: it verifies exactly when it is a number within the hour.
enum DingTalkCallbackFuzz {
    static let secret = "fuzz-app-secret"

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let mode = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        let now = Date()
        switch mode % 3 {
        case 0:
            let parts = rest.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
            let timestamp = String(decoding: parts.first ?? [], as: UTF8.self)
            let sign = String(decoding: parts.count > 1 ? Array(parts[1]) : [], as: UTF8.self)
            if DingTalkSignature.verify(timestamp: timestamp, sign: sign, secret: secret, now: now) != nil {
                receive(parts.count > 2 ? Array(parts[2]) : [])
            }
        case 1:
            let timestamp = String(Int64(now.timeIntervalSince1970 * 1000))
            var sign = DingTalkSignature.sign(timestamp: timestamp, secret: secret)
            if mode & 0x80 != 0 { sign = sign.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? sign }
            let signed = DingTalkSignature.verify(timestamp: timestamp, sign: sign, secret: secret, now: now)
            precondition(signed != nil)
            receive(rest)
        default:
            let timestamp = String(decoding: rest, as: UTF8.self)
            let sign = DingTalkSignature.sign(timestamp: timestamp, secret: secret)
            let signed = DingTalkSignature.verify(timestamp: timestamp, sign: sign, secret: secret, now: now)
            let fresh = CallbackTimestamp.seconds(
                timestamp, now: now, window: DingTalkSignature.window, unitsPerSecond: 1000)
            precondition((signed != nil) == (fresh != nil))
        }
    }

    static func receive(_ body: [UInt8]) {
        guard let message = try? JSONDecoder().decode(DingTalkRobotMessage.self, from: Data(body)) else { return }
        _ = message.incoming(mention: "cxzy")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzDingTalkCallback(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    DingTalkCallbackFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzDingTalkCallbackMain {
    static func main() { FuzzDriver.run(fuzzDingTalkCallback) }
}
