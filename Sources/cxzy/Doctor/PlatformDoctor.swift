import BotRuntime
import Foundation
import Logging

/// Each configured platform's part of `cxzy doctor`: its own cheap authenticated call (`Transport.check`), tried once,
/// within a deadline, all platforms at the same time.
enum PlatformDoctor {
    enum Outcome: Sendable {
        case answered(account: String, seconds: Double)
        case refused(String)
        case unreachable(String)
        case timedOut
    }

    static func check(
        _ transports: [any Transport], timeout: Double, logger: Logger, into list: inout Checklist
    ) async {
        guard !transports.isEmpty else {
            let hints = Transports.all.map { $0.setupHint }.joined(separator: "; ")
            list.add(
                .fix, "没有配置任何聊天平台，cxzy run 不会启动：请在 /etc/cxzy/cxzy.env 里填写一个平台的设置（\(hints)）",
                "no platform is configured, so cxzy run will not start: set one platform's settings (\(hints))")
            return
        }
        let outcomes = await outcomes(transports, timeout: timeout, logger: logger)
        for (index, transport) in transports.enumerated() {
            let kind = type(of: transport)
            let name = kind.setupHint.split(separator: ":").first.map(String.init) ?? kind.name
            switch outcomes[index] {
            case let .answered(account, seconds):
                let time = String(format: "%.1f", seconds)
                list.add(
                    .ok, "\(name)：凭证有效，平台有应答（\(account)，\(time) 秒）",
                    "\(kind.name): credentials accepted, the platform answers (\(account), \(time) s)")
            case let .refused(reason):
                list.add(
                    .fix, "\(name)：平台拒绝了凭证，请核对 /etc/cxzy/cxzy.env 里 CXZY_\(kind.name.uppercased())_… 的设置：\(reason)",
                    "\(kind.name): the platform refused the credentials; check the CXZY_\(kind.name.uppercased())_… settings: \(reason)"
                )
            case let .unreachable(reason):
                list.add(
                    .fix, "\(name)：无法连接平台，请检查网络、代理和地址设置：\(reason)",
                    "\(kind.name): the platform cannot be reached; check the network, proxy and address settings: \(reason)"
                )
            case .timedOut:
                let seconds = String(format: "%g", timeout)
                list.add(
                    .fix, "\(name)：\(seconds) 秒内没有应答，请检查网络和防火墙",
                    "\(kind.name): no answer within \(seconds) s; check the network and firewall")
            }
        }
    }

    private struct Indexed: Sendable {
        var index: Int
        var outcome: Outcome
    }

    /// Every platform's outcome, in the order given, checked at the same time.
    static func outcomes(_ transports: [any Transport], timeout: Double, logger: Logger) async -> [Outcome] {
        await withTaskGroup(of: Indexed.self) { group in
            for index in transports.indices {
                let transport = transports[index]
                group.addTask {
                    Indexed(index: index, outcome: await outcome(transport, timeout: timeout, logger: logger))
                }
            }
            var result = Array(repeating: Outcome.timedOut, count: transports.count)
            while let next = await group.next() { result[next.index] = next.outcome }
            return result
        }
    }

    static func outcome(_ transport: any Transport, timeout: Double, logger: Logger) async -> Outcome {
        let started = ContinuousClock.now
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let account = try await transport.check(logger: logger)
                    let elapsed = ContinuousClock.now - started
                    return .answered(
                        account: account.isEmpty ? "—" : account,
                        seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                } catch is CancellationError {
                    return nil
                } catch let error as BotService.StartupError {
                    return error.kind == .unreachable ? .unreachable(error.description) : .refused(error.description)
                } catch let error as any PlatformError {
                    return error.refusesCredentials ? .refused(error.description) : .unreachable(error.description)
                } catch {
                    return .unreachable("\(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(max(0.1, timeout) * 1000)))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .timedOut
        }
    }
}
