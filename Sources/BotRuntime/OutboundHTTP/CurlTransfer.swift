import CCurl
import Foundation
import Synchronization

/// One request in flight on a `CurlMultiLoop`. Created by the caller, then touched only by the loop's thread, which
/// alone resumes the continuation (once).
final class CurlTransfer: @unchecked Sendable {
    let request: OutboundRequest
    /// Answers larger than this many bytes end the transfer with a failure.
    let largestAnswer: Int
    let failure: @Sendable (String) -> any Error
    var continuation: CheckedContinuation<(data: Data, status: Int), any Error>?
    /// Set by the caller's cancellation handler, from any thread.
    let cancelRequested = Atomic<Bool>(false)

    var received = Data()
    var answerTooLarge = false
    var headerList: UnsafeMutablePointer<curl_slist>?

    init(_ request: OutboundRequest, largestAnswer: Int, failure: @escaping @Sendable (String) -> any Error) {
        self.request = request
        self.largestAnswer = largestAnswer
        self.failure = failure
    }

    deinit { curl_slist_free_all(headerList) }

    func resume(_ result: Result<(data: Data, status: Int), any Error>) {
        continuation?.resume(with: result)
        continuation = nil
        curl_slist_free_all(headerList)
        headerList = nil
    }

    /// Sets this request's options on a clean easy handle; the description of the first option libcurl refuses.
    func configure(_ easy: CurlEasyHandle) -> String? {
        let handle = easy.handle
        var refused: String?
        func check(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK, refused == nil {
                refused = "libcurl refused \(what): " + String(cString: curl_easy_strerror(code))
            }
        }
        check(cxzy_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, easy.errorBuffer), "ERRORBUFFER")
        check(cxzy_curl_easy_setopt_write_function(handle, curlWriteReceived), "WRITEFUNCTION")
        check(
            cxzy_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(self).toOpaque()),
            "WRITEDATA")
        request.url.absoluteString.withCString { check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_URL, $0), "URL") }
        check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "PROTOCOLS_STR")
        check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_USERAGENT, "cxzy"), "USERAGENT")
        check(cxzy_curl_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1), "TCP_KEEPALIVE")
        // `timeout` is the longest silence, as URLSession's: a transfer in which no byte moves for that long ends
        // (a large upload on a slow line may take longer as a whole). Connecting has 15 s at most, the whole
        // exchange ten minutes more than the silence.
        let silence = max(1, Int(request.timeout.rounded(.up)))
        check(cxzy_curl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1), "LOW_SPEED_LIMIT")
        check(cxzy_curl_easy_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, silence), "LOW_SPEED_TIME")
        check(cxzy_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT, silence + 600), "TIMEOUT")
        let connecting = min(Int(request.timeout * 1000), 15_000)
        check(cxzy_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, max(1, connecting)), "CONNECTTIMEOUT")

        switch request.method {
        case "GET": check(cxzy_curl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1), "HTTPGET")
        case "POST": check(cxzy_curl_easy_setopt_long(handle, CURLOPT_POST, 1), "POST")
        default:
            request.method.withCString {
                check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, $0), "CUSTOMREQUEST")
            }
        }
        if let body = request.body {
            check(cxzy_curl_easy_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "SIZE")
            // libcurl copies the body, so it need not outlive this call.
            body.withUnsafeBytes { bytes in
                let start = bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start)
                check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, start), "COPYPOSTFIELDS")
            }
        }
        // No "Expect: 100-continue" round trip before larger bodies.
        var list = curl_slist_append(nil, "Expect:")
        for header in request.headers {
            list = curl_slist_append(list, header.name + ": " + header.value)
        }
        headerList = list
        check(cxzy_curl_easy_setopt_pointer(handle, CURLOPT_HTTPHEADER, list), "HTTPHEADER")
        return refused
    }
}

/// libcurl's write callback: appends a piece of the answer to its transfer's buffer.
private func curlWriteReceived(
    _ bytes: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    guard let bytes, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard transfer.received.count + length <= transfer.largestAnswer else {
        transfer.answerTooLarge = true
        return 0
    }
    transfer.received.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: length)
    return length
}

/// An easy handle and its error buffer, reused from one transfer to the next (its connections live in the multi
/// handle, so reuse only saves the allocation).
final class CurlEasyHandle {
    let handle: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// What went wrong, in libcurl's words: the code's text and, when there is one, the detail.
    func describe(_ code: CURLcode) -> String {
        let summary = String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? summary : summary + ": " + detail
    }

    /// Ready for the next transfer: no options, no error text.
    func reset() {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
    }
}
