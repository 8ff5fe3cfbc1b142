import CCurl
import Foundation
import Synchronization

/// The thread that drives one libcurl multi handle: it takes new transfers and cancellations from its inbox, lets
/// libcurl move every transfer forward, resumes the callers whose transfers are done, and sleeps in
/// `curl_multi_poll` until a socket, a timer or `curl_multi_wakeup` needs it. Everything but the inbox is touched
/// only by that thread.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var started: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
        var stopping = false
        var isEmpty: Bool { started.isEmpty && cancelled.isEmpty && !stopping }
    }

    /// `curl_global_init` once per process, before the first handle (CURL_GLOBAL_ALL is 3).
    private static let initialized = curl_global_init(3) == CURLE_OK

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private var running: [UnsafeMutableRawPointer: (transfer: CurlTransfer, easy: CurlEasyHandle)] = [:]
    private var idle: [CurlEasyHandle] = []
    private let keepIdle: Int

    init?(maxConnectionsPerHost: Int, threadName: String) {
        guard Self.initialized, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        keepIdle = max(4, maxConnectionsPerHost)
        _ = cxzy_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        _ = cxzy_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, maxConnectionsPerHost * 2)
        let thread = Thread { [self] in
            Self.nameThisThread(threadName)
            run()
        }
        thread.start()
    }

    func start(_ transfer: CurlTransfer) {
        post { $0.started.append(transfer) }
    }

    func cancel(_ transfer: CurlTransfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        post { $0.cancelled.append(transfer) }
    }

    /// Ends the thread: transfers still running end with `CancellationError`.
    func stop() {
        post { $0.stopping = true }
    }

    /// Adds to the inbox, and wakes the thread if the inbox was empty (otherwise a wake-up is already on its way).
    private func post(_ change: (inout Inbox) -> Void) {
        let wake = inbox.withLock { inbox in
            let wasEmpty = inbox.isEmpty
            change(&inbox)
            return wasEmpty
        }
        if wake { curl_multi_wakeup(multi) }
    }

    /// The thread's name in `top -H`, `perf` and /proc (Foundation's `Thread.name` does not reach the kernel on
    /// Linux).
    private static func nameThisThread(_ name: String) {
        #if os(Linux)
            try? String(name.utf8.prefix(15))?.write(
                toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }

    private func run() {
        while true {
            let taken = inbox.withLock { inbox in
                defer { inbox = Inbox() }
                return inbox
            }
            if taken.stopping {
                for transfer in taken.started { transfer.resume(.failure(CancellationError())) }
                break
            }
            for transfer in taken.started { add(transfer) }
            for transfer in taken.cancelled { remove(transfer) }
            var stillRunning: Int32 = 0
            _ = curl_multi_perform(multi, &stillRunning)
            finishDone()
            _ = curl_multi_poll(multi, nil, 0, 10_000, nil)
        }
        for (handle, entry) in running {
            curl_multi_remove_handle(multi, handle)
            entry.transfer.resume(.failure(CancellationError()))
        }
        running = [:]
        idle = []
        curl_multi_cleanup(multi)
    }

    private func add(_ transfer: CurlTransfer) {
        if transfer.cancelRequested.load(ordering: .sequentiallyConsistent) {
            return transfer.resume(.failure(CancellationError()))
        }
        guard let easy = idle.popLast() ?? CurlEasyHandle() else {
            return transfer.resume(.failure(transfer.failure("libcurl could not make a handle (curl_easy_init)")))
        }
        if let refused = transfer.configure(easy) {
            recycle(easy)
            return transfer.resume(.failure(transfer.failure(refused)))
        }
        let added = curl_multi_add_handle(multi, easy.handle)
        guard added == CURLM_OK else {
            recycle(easy)
            let reason = String(cString: curl_multi_strerror(added))
            return transfer.resume(.failure(transfer.failure("libcurl could not start the request: \(reason)")))
        }
        running[easy.handle] = (transfer, easy)
    }

    /// A cancelled transfer that is still running leaves the multi handle and ends with `CancellationError`; one that
    /// has finished already is left alone.
    private func remove(_ transfer: CurlTransfer) {
        guard let (handle, entry) = running.first(where: { $0.value.transfer === transfer }) else { return }
        running[handle] = nil
        curl_multi_remove_handle(multi, handle)
        recycle(entry.easy)
        transfer.resume(.failure(CancellationError()))
    }

    private func finishDone() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                let (transfer, easy) = running.removeValue(forKey: handle)
            else { continue }
            let code = message.pointee.data.result
            var status = 0
            _ = cxzy_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            curl_multi_remove_handle(multi, handle)
            let outcome: Result<(data: Data, status: Int), any Error>
            if code == CURLE_OK {
                outcome = .success((transfer.received, status))
            } else if transfer.answerTooLarge {
                outcome = .failure(transfer.failure("the answer is larger than \(transfer.largestAnswer) bytes"))
            } else {
                outcome = .failure(transfer.failure(easy.describe(code)))
            }
            recycle(easy)
            transfer.resume(outcome)
        }
    }

    private func recycle(_ easy: CurlEasyHandle) {
        guard idle.count < keepIdle else { return }
        easy.reset()
        idle.append(easy)
    }
}
